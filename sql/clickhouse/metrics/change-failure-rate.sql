-- Change failure rate: production deployments finished in [from, to) that failed (see
-- partials/failed_deployments.sql), as a percentage of them. Never above 100: each deployment
-- counts once, however many incidents or rollbacks it has.
CREATE TEMPORARY TABLE window_deployments AS
{{> deployments_latest(@range_scan_from, @to_plus_followup, emptyArrayString(), '', @scope)}};

SELECT
    bucket,
    group_team,
    group_golden,
    count() AS n,
    countIf(failed) AS failed_deployments,
    if(n = 0, NULL, 100 * failed_deployments / n) AS value
FROM
(
    SELECT finished_at, failed, {{> group_team(team)}} AS group_team, {{> group_golden(is_golden)}} AS group_golden
    FROM ({{> failed_deployments}})
    WHERE finished_at >= {{from}} AND finished_at < {{to}} AND {{> deployment_filter}}
)
ARRAY JOIN ['summary', toString({{period}}(finished_at))] AS bucket
GROUP BY group_team, group_golden, bucket
