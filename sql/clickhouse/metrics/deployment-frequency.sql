-- Deployment frequency: successful production deployments finished in [from, to).
-- One row per bucket: 'summary' and each period of the series.
--   n / deployments: deployments; value: deployments per week (count ÷ (days in range ÷ 7));
--   deployment_days: distinct UTC dates with at least one deployment;
--   median_deployment_days_per_week / _per_month: medians over the range's ISO weeks / calendar
--   months (periods without a deployment count as 0), which the benchmark bands read.
CREATE TEMPORARY TABLE window_deployments AS
{{> deployments_latest(@range_scan_from, @to, emptyArrayString(), '', @scope)}};

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
        groupUniqArray(toDate(finished_at)) AS days,
        arraySort(arrayMap(w -> toFloat64(arrayCount(d -> toMonday(d) = w, days)), {{range_weeks}})) AS week_days,
        arraySort(arrayMap(m -> toFloat64(arrayCount(d -> toStartOfMonth(d) = m, days)), {{range_months}})) AS month_days
    FROM
    (
        SELECT finished_at, {{> group_team(team)}} AS group_team, {{> group_golden(is_golden)}} AS group_golden
        FROM ({{> production_deployments}})
        WHERE finished_at >= {{from}} AND finished_at < {{to}} AND {{> deployment_filter}}
    )
    ARRAY JOIN ['summary', toString({{period}}(finished_at))] AS bucket
    GROUP BY group_team, group_golden, bucket
)
