-- Incident time to restore: the counted rows (rows.sql) — every incident resolved in [from, to) —
-- n, the median (value), p50, p75, p90 of the hours from start to resolution; the breakdown: the
-- median and p90 hours to acknowledge of those whose acknowledgement is known, and how many those are.
SELECT
    bucket,
    group_team,
    length(hours) AS n,
    {{> distribution(hours)}},
    toUInt32(length(acknowledge)) AS breakdown_acknowledged_n,
    {{> r7(acknowledge, 0.5)}} AS breakdown_acknowledge_p50_hours,
    {{> r7(acknowledge, 0.9)}} AS breakdown_acknowledge_p90_hours
FROM
(
    SELECT
        group_team,
        bucket,
        arraySort(groupArray(assumeNotNull(value))) AS hours,
        arraySort(groupArrayIf(assumeNotNull(acknowledge_hours), acknowledge_hours IS NOT NULL)) AS acknowledge
    FROM ({{> rows}})
    ARRAY JOIN ['summary', toString({{period}}(at))] AS bucket
    WHERE counted
    GROUP BY group_team, bucket
)
