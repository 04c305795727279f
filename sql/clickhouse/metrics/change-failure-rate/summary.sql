-- Change failure rate: the counted rows (rows.sql) — production deployments finished in [from, to) —
-- and how many of them failed, as a percentage. Never above 100: each deployment counts once,
-- however many incidents or rollbacks it has.
SELECT bucket, group_team, group_golden, n, failed_deployments, if(n = 0, NULL, 100 * failed_deployments / n) AS value
FROM
(
    SELECT bucket, group_team, group_golden, count() AS n, countIf(value = 1) AS failed_deployments
    FROM ({{> rows}})
    ARRAY JOIN ['summary', toString({{period}}(at))] AS bucket
    WHERE counted
    GROUP BY group_team, group_golden, bucket
)
