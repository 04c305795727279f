-- The repositories of the catalog services in the caller's team and service filters: a pull request
-- without a service of its own takes its repository's catalog service (@change_scope).
SELECT catalog_repository FROM ({{> services_latest}}) WHERE catalog_repository != '' AND ({{team}} = '' OR catalog_team = {{team}}) AND ({{service}} = '' OR catalog_name = {{service}})
