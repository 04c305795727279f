-- Incident time to restore: every incident (caused by a change or not) resolved in [from, to),
-- hours from its start to its resolution.
SELECT
    bucket,
    group_team,
    length(hours) AS n,
    {{> distribution(hours)}}
FROM
(
    SELECT group_team, bucket, arraySort(groupArray(restore_hours)) AS hours
    FROM
    (
        SELECT
            {{> group_team(team)}} AS group_team,
            assumeNotNull(resolved_at) AS resolved,
            greatest(0, toInt64(resolved) - toInt64(started_at)) / 3600 AS restore_hours
        FROM ({{> incidents_latest}})
        WHERE resolved_at IS NOT NULL AND resolved_at >= {{from}} AND resolved_at < {{to}}
            AND {{> ownership_filter}}
    )
    ARRAY JOIN ['summary', toString({{period}}(resolved))] AS bucket
    GROUP BY group_team, bucket
)
