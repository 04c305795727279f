-- Failed deployment recovery time: for each failed production deployment recovered in
-- [from, to) (placed by recovery), hours from the failure's start to its recovery
-- (partials/failed_deployments.sql). Incidents no change caused are not here: see
-- incident-restore-time.
CREATE TEMPORARY TABLE window_deployments AS
{{> deployments_latest(@lookback_from, @to_plus_followup, emptyArrayString(), '', @scope)}};

SELECT
    bucket,
    group_team,
    group_golden,
    length(hours) AS n,
    {{> distribution(hours)}}
FROM
(
    SELECT group_team, group_golden, bucket, arraySort(groupArray(recovery_hours)) AS hours
    FROM
    (
        SELECT
            {{> group_team(team)}} AS group_team,
            {{> group_golden(is_golden)}} AS group_golden,
            assumeNotNull(recovered_at) AS recovered,
            greatest(0, toInt64(recovered) - toInt64(assumeNotNull(failure_start))) / 3600 AS recovery_hours
        FROM ({{> failed_deployments}})
        WHERE failed AND recovered_at IS NOT NULL
            AND recovered_at >= {{from}} AND recovered_at < {{to}}
            AND {{> deployment_filter}}
    )
    ARRAY JOIN ['summary', toString({{period}}(recovered))] AS bucket
    GROUP BY group_team, group_golden, bucket
)
