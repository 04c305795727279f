-- Deployment rework rate (DORA 2024): the counted rows (rows.sql) — production deployments finished in
-- [from, to) — and how many of them were unplanned remediation, as a percentage.
SELECT bucket, group_team, n, rework_deployments, if(n = 0, NULL, 100 * rework_deployments / n) AS value
FROM
(
    SELECT bucket, group_team, count() AS n, countIf(value = 1) AS rework_deployments
    FROM ({{> rows}})
    ARRAY JOIN ['summary', toString({{period}}(at))] AS bucket
    WHERE counted
    GROUP BY group_team, bucket
)
