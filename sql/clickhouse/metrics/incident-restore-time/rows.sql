-- Incident time to restore's rows: every incident (caused by a change or not) within the team and
-- service filters that was resolved in [from, to) — counted, placed by its resolution, value the hours
-- from its start to its resolution — or that started in the range and was still open at its end
-- (not_resolved, placed by its start).
SELECT
    'incident' AS kind,
    incident_id AS id,
    incident_source AS source,
    service,
    team,
    if(resolved, assumeNotNull(resolved_at), started_at) AS at,
    resolved AS counted,
    if(counted, toNullable(greatest(0, toInt64(assumeNotNull(resolved_at)) - toInt64(started_at)) / 3600), NULL) AS value,
    if(counted, '', 'not_resolved') AS reason,
    {{> group_team(team)}} AS group_team,
    toInt8(-1) AS group_golden,
    title,
    severity,
    started_at,
    resolved_at,
    deployment_id,
    change_related
FROM
(
    SELECT *, ifNull(resolved_at >= {{from}} AND resolved_at < {{to}}, 0) AS resolved
    FROM ({{> incidents_latest}})
    WHERE {{> ownership_filter}}
)
WHERE resolved OR (started_at >= {{from}} AND started_at < {{to}} AND (resolved_at IS NULL OR resolved_at >= {{to}}))
