-- Change failure rate's rows: every deployment placed in [from, to) within the filters. A production
-- deployment counts (the denominator) with value 1 when it failed (partials/failed_deployments.sql:
-- failure, incidents and rolled_back_by say how), else 0; partials/deployment_rows.sql says why another
-- deployment does not count. Items also list the incidents of the range that made no deployment fail,
-- with why (partials/unattributed_incidents.sql).
SELECT
    'deployment' AS kind, id, source, service, team, finished_at AS at,
    toUInt8(1) AS counted,
    toNullable(toFloat64(failed)) AS value,
    '' AS reason,
    {{> group_team(team)}} AS group_team,
    {{> group_golden(is_golden)}} AS group_golden,
    environment, 'success' AS status, is_golden AS golden_path, failure, incidents, rolled_back_by,
    '' AS production_rule, '' AS deployment_id, '' AS latest_deployment_id, CAST(NULL AS Nullable(Float64)) AS hours_after_deployment
FROM ({{> failed_deployments}})
WHERE finished_at >= {{from}} AND finished_at < {{to}} AND {{> deployment_filter}}
UNION ALL
SELECT
    'deployment' AS kind, id, source, service, team, at,
    toUInt8(0) AS counted,
    CAST(NULL AS Nullable(Float64)) AS value,
    exclusion AS reason,
    {{> group_team(team)}} AS group_team,
    {{> group_golden(is_golden)}} AS group_golden,
    environment, status, is_golden AS golden_path, '' AS failure, emptyArrayString() AS incidents, emptyArrayString() AS rolled_back_by,
    production_rule, '' AS deployment_id, '' AS latest_deployment_id, CAST(NULL AS Nullable(Float64)) AS hours_after_deployment
FROM ({{> deployment_rows}})
WHERE exclusion != ''
{{#if items}}
UNION ALL
SELECT
    'incident' AS kind, incident_id AS id, incident_source AS source, service, team, started_at AS at,
    toUInt8(0) AS counted,
    CAST(NULL AS Nullable(Float64)) AS value,
    reason,
    {{> group_team(team)}} AS group_team,
    toInt8(-1) AS group_golden,
    '' AS environment, '' AS status, toUInt8(0) AS golden_path, '' AS failure, emptyArrayString() AS incidents, emptyArrayString() AS rolled_back_by,
    '' AS production_rule, deployment_id, latest_deployment_id, hours_after_deployment
FROM ({{> unattributed_incidents}})
{{/if}}
