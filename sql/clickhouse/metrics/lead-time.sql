-- Lead time for changes: for each change shipped to production in [from, to) (placed by its
-- deployment's finish), hours from its first commit (else the PR's creation) to that deployment.
-- Attribution, cold start and lookback: partials/change_deployments.sql.
-- Breakdown medians: coding (first commit -> PR opened), review (opened -> merged),
-- deploy (merged -> deployed). Durations below zero (clock skew) count as zero.
CREATE TEMPORARY TABLE window_deployments AS
{{> deployments_latest(@lookback_from, @to, commits, commit_sha, @scope)}};

CREATE TEMPORARY TABLE window_changes AS
{{> changes_latest(@lookback_from, @to, @change_scope, @scope_owned)}};

SELECT
    bucket,
    group_team,
    group_golden,
    length(lead) AS n,
    {{> distribution(lead)}},
    {{> r7(coding, 0.5)}} AS breakdown_coding_hours,
    {{> r7(review, 0.5)}} AS breakdown_review_hours,
    {{> r7(deploy, 0.5)}} AS breakdown_deploy_hours
FROM
(
    SELECT
        group_team,
        group_golden,
        bucket,
        arraySort(groupArray(lead_hours)) AS lead,
        arraySort(groupArrayIf(coding_hours, has_first_commit)) AS coding,
        arraySort(groupArray(review_hours)) AS review,
        arraySort(groupArray(deploy_hours)) AS deploy
    FROM
    (
        SELECT
            {{> group_team(team)}} AS group_team,
            {{> group_golden(deployment_golden)}} AS group_golden,
            assumeNotNull(deployed_at) AS deployed,
            greatest(0, toInt64(deployed) - toInt64(ifNull(first_commit_at, created_at))) / 3600 AS lead_hours,
            first_commit_at IS NOT NULL AS has_first_commit,
            greatest(0, toInt64(created_at) - toInt64(ifNull(first_commit_at, created_at))) / 3600 AS coding_hours,
            greatest(0, toInt64(merged_at) - toInt64(created_at)) / 3600 AS review_hours,
            greatest(0, toInt64(deployed) - toInt64(merged_at)) / 3600 AS deploy_hours
        FROM ({{> change_deployments(@lookback_from)}})
        WHERE deployed_at IS NOT NULL AND deployed_at >= {{from}} AND deployed_at < {{to}}
            AND {{> ownership_filter}}
            AND ({{golden}} = -1 OR deployment_golden = {{golden}})
    )
    ARRAY JOIN ['summary', toString({{period}}(deployed))] AS bucket
    GROUP BY group_team, group_golden, bucket
)
