-- Lead time for changes: the counted rows' lead times (rows.sql) — n, the median (value) and p50,
-- p75, p90 — and the median of each stage: coding (changes with a known first commit or draft time),
-- pickup (reviewed changes), review, deploy. Medians of stages need not add up to the median lead time.
SELECT
    bucket,
    group_team,
    group_golden,
    length(lead) AS n,
    {{> distribution(lead)}},
    breakdown_coding_hours,
    breakdown_pickup_hours,
    breakdown_review_hours,
    breakdown_deploy_hours
FROM
(
    SELECT
        group_team,
        group_golden,
        bucket,
        arraySort(groupArray(assumeNotNull(value))) AS lead,
        -- Medians only: found without sorting (half the cost of the organisation's question).
        {{> r7_median(assumeNotNull(coding_hours), coding_hours IS NOT NULL)}} AS breakdown_coding_hours,
        {{> r7_median(assumeNotNull(pickup_hours), pickup_hours IS NOT NULL)}} AS breakdown_pickup_hours,
        {{> r7_median(review_hours, 1)}} AS breakdown_review_hours,
        {{> r7_median(assumeNotNull(deploy_hours), 1)}} AS breakdown_deploy_hours
    FROM ({{> rows}})
    ARRAY JOIN ['summary', toString({{period}}(at))] AS bucket
    WHERE counted
    GROUP BY group_team, group_golden, bucket
)
