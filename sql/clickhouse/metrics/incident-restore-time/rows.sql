-- Incident time to restore's rows: every incident (caused by a change or not) within the team and
-- service filters that was resolved in [from, to) — counted, placed by its resolution, value the hours
-- from its start to its resolution — or that started in the range and was still open at its end
-- (not_resolved, placed by its start). Time to acknowledge, part of the time to restore: the hours from
-- its start to its first acknowledgement, held between its start and its resolution (an
-- acknowledgement logged after the resolution counts as at the resolution); NULL when never
-- acknowledged or the source does not say.
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
    acknowledged_at,
    resolved_at,
    if(acknowledged_at IS NULL, NULL,
       toNullable(greatest(0, least(toInt64(assumeNotNull(acknowledged_at)), toInt64(ifNull(resolved_at, assumeNotNull(acknowledged_at)))) - toInt64(started_at)) / 3600)) AS acknowledge_hours,
    deployment_id,
    change_related,
    url
FROM
(
    SELECT *, ifNull(resolved_at >= {{from}} AND resolved_at < {{to}}, 0) AS resolved
    FROM ({{> incidents_latest}})
    WHERE {{> ownership_filter}}
)
WHERE resolved OR (started_at >= {{from}} AND started_at < {{to}} AND (resolved_at IS NULL OR resolved_at >= {{to}}))
