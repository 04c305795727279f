-- The catalog services in the caller's team and service filters (the scan narrowing of @scope).
SELECT catalog_name FROM ({{> services_latest}}) WHERE ({{team}} = '' OR catalog_team = {{team}}) AND ({{service}} = '' OR catalog_name = {{service}})
