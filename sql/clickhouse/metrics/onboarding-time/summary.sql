-- Onboarding time: the rows (rows.sql) — engineers who started in [from, to), placed and grouped by
-- start date — the median days to production of those who reached it (value, p50, p75, p90; n), how
-- many have not (pending), the share of the group within 30 days, and the medians of days to their first
-- and tenth merged pull request. A group of fewer than min_group_size engineers is suppressed: no
-- figure leaves the warehouse for it.
SELECT
    bucket,
    group_team,
    engineers,
    engineers < {{min_group_size}} AS suppressed,
    if(suppressed, NULL, length(reached)) AS n,
    if(suppressed, NULL, engineers - length(reached)) AS pending,
    if(suppressed, NULL, {{> r7(reached, 0.5)}}) AS value,
    if(suppressed, NULL, {{> r7(reached, 0.5)}}) AS p50,
    if(suppressed, NULL, {{> r7(reached, 0.75)}}) AS p75,
    if(suppressed, NULL, {{> r7(reached, 0.9)}}) AS p90,
    if(suppressed, NULL, 100 * arrayCount(d -> d <= 30, reached) / engineers) AS reached_within_30d_percent,
    if(suppressed, NULL, {{> r7(first_pr, 0.5)}}) AS breakdown_days_to_first_merged_pr,
    if(suppressed, NULL, {{> r7(tenth_pr, 0.5)}}) AS breakdown_days_to_tenth_merged_pr
FROM
(
    SELECT
        group_team,
        bucket,
        count() AS engineers,
        arraySort(groupArrayIf(assumeNotNull(value), counted)) AS reached,
        arraySort(groupArrayIf(assumeNotNull(days_to_first_merged_pr), days_to_first_merged_pr IS NOT NULL)) AS first_pr,
        arraySort(groupArrayIf(assumeNotNull(days_to_tenth_merged_pr), days_to_tenth_merged_pr IS NOT NULL)) AS tenth_pr
    FROM ({{> rows}})
    ARRAY JOIN ['summary', toString({{period}}(at))] AS bucket
    GROUP BY group_team, bucket
)
