-- Lead time for changes: the counted rows' lead times (rows.sql) — n, the median (value) and p50,
-- p75, p90 — and the median of each stage: coding (changes with a known first commit or draft time),
-- pickup (reviewed changes), review, deploy. Medians of stages need not add up to the median lead time.
SELECT
    bucket,
    group_team,
    group_golden,
    length(lead) AS n,
    {{> distribution(lead)}},
    {{> r7(coding, 0.5)}} AS breakdown_coding_hours,
    {{> r7(pickup, 0.5)}} AS breakdown_pickup_hours,
    {{> r7(review, 0.5)}} AS breakdown_review_hours,
    {{> r7(deploy, 0.5)}} AS breakdown_deploy_hours
FROM
(
    SELECT
        group_team,
        group_golden,
        bucket,
        arraySort(groupArray(assumeNotNull(value))) AS lead,
        arraySort(groupArrayIf(assumeNotNull(coding_hours), coding_hours IS NOT NULL)) AS coding,
        arraySort(groupArrayIf(assumeNotNull(pickup_hours), pickup_hours IS NOT NULL)) AS pickup,
        arraySort(groupArray(review_hours)) AS review,
        arraySort(groupArray(assumeNotNull(deploy_hours))) AS deploy
    FROM ({{> rows}})
    ARRAY JOIN ['summary', toString({{period}}(at))] AS bucket
    WHERE counted
    GROUP BY group_team, group_golden, bucket
)
