-- Incident time to restore: the counted rows (rows.sql) — every incident resolved in [from, to) —
-- n, the median (value), p50, p75, p90 of the hours from start to resolution.
SELECT
    bucket,
    group_team,
    length(hours) AS n,
    {{> distribution(hours)}}
FROM
(
    SELECT group_team, bucket, arraySort(groupArray(assumeNotNull(value))) AS hours
    FROM ({{> rows}})
    ARRAY JOIN ['summary', toString({{period}}(at))] AS bucket
    WHERE counted
    GROUP BY group_team, bucket
)
