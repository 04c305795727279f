-- Failed deployment recovery time: the counted rows (rows.sql) — failed production deployments
-- recovered in [from, to), placed by their recovery — n, the median (value), p50, p75, p90 in hours.
SELECT
    bucket,
    group_team,
    group_golden,
    length(hours) AS n,
    {{> distribution(hours)}}
FROM
(
    SELECT group_team, group_golden, bucket, arraySort(groupArray(assumeNotNull(value))) AS hours
    FROM ({{> rows}})
    ARRAY JOIN ['summary', toString({{period}}(at))] AS bucket
    WHERE counted
    GROUP BY group_team, group_golden, bucket
)
