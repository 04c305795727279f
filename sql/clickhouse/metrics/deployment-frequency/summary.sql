-- Deployment frequency: the counted rows (rows.sql), one row per bucket: 'summary' and each period.
--   n / deployments: deployments; value: deployments per week (count ÷ (days in range ÷ 7));
--   deployment_days: distinct UTC dates with at least one deployment;
--   median_deployment_days_per_week / _per_month: medians over the range's ISO weeks / calendar
--   months (periods without a deployment count as 0), which the benchmark bands read.
SELECT
    bucket,
    group_team,
    group_golden,
    n,
    n AS deployments,
    if(bucket = 'summary', n / ({{range_days}} / 7), toFloat64(n)) AS value,
    length(days) AS deployment_days,
    {{> r7(week_days, 0.5)}} AS median_deployment_days_per_week,
    {{> r7(month_days, 0.5)}} AS median_deployment_days_per_month
FROM
(
    SELECT
        group_team,
        group_golden,
        bucket,
        count() AS n,
        groupUniqArray(toDate(at)) AS days,
        arraySort(arrayMap(w -> toFloat64(arrayCount(d -> toMonday(d) = w, days)), {{range_weeks}})) AS week_days,
        arraySort(arrayMap(m -> toFloat64(arrayCount(d -> toStartOfMonth(d) = m, days)), {{range_months}})) AS month_days
    FROM ({{> rows}})
    ARRAY JOIN ['summary', toString({{period}}(at))] AS bucket
    WHERE counted
    GROUP BY group_team, group_golden, bucket
)
