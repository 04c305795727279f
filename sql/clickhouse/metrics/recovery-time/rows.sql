-- Failed deployment recovery time's rows: each failed production deployment (partials/failed_deployments.sql)
-- within the filters that recovered in [from, to) — counted, placed by its recovery, value the hours
-- from the failure's start to the recovery — or whose failure started in the range and had not
-- recovered by its end (not_recovered, placed by the failure's start). Items also list the incidents
-- of the range that no deployment caused, with why (partials/unattributed_incidents.sql): they are in
-- incident time to restore, not here (DORA 2023).
SELECT
    'deployment' AS kind, id, source, service, team, at,
    recovered AS counted,
    if(counted, toNullable(greatest(0, toInt64(assumeNotNull(recovered_at)) - toInt64(assumeNotNull(failure_start))) / 3600), NULL) AS value,
    if(counted, '', 'not_recovered') AS reason,
    {{> group_team(team)}} AS group_team,
    {{> group_golden(is_golden)}} AS group_golden,
    environment, is_golden AS golden_path, finished_at, failure, incidents, rolled_back_by, failure_start AS failure_started_at, recovered_at,
    '' AS deployment_id, '' AS latest_deployment_id, CAST(NULL AS Nullable(Float64)) AS hours_after_deployment
FROM
(
    SELECT *,
        ifNull(recovered_at >= {{from}} AND recovered_at < {{to}}, 0) AS recovered,
        if(recovered, assumeNotNull(recovered_at), assumeNotNull(failure_start)) AS at
    FROM ({{> failed_deployments}})
    WHERE failed AND {{> deployment_filter}}
)
WHERE recovered
    OR (failure_start >= {{from}} AND failure_start < {{to}} AND (recovered_at IS NULL OR recovered_at >= {{to}}))
{{#if items}}
UNION ALL
SELECT
    'incident' AS kind, incident_id AS id, incident_source AS source, service, team, started_at AS at,
    toUInt8(0) AS counted,
    CAST(NULL AS Nullable(Float64)) AS value,
    reason,
    {{> group_team(team)}} AS group_team,
    toInt8(-1) AS group_golden,
    '' AS environment, toUInt8(0) AS golden_path, CAST(NULL AS Nullable(DateTime('UTC'))) AS finished_at, '' AS failure,
    emptyArrayString() AS incidents, emptyArrayString() AS rolled_back_by,
    toNullable(started_at) AS failure_started_at, resolved_at AS recovered_at,
    deployment_id, latest_deployment_id, hours_after_deployment
FROM ({{> unattributed_incidents}})
{{/if}}
