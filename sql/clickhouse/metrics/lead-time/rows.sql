-- Lead time's rows: each change shipped to production in [from, to) (placed by its deployment's
-- finish), and each change merged in the range that did not count. Attribution, cold start and
-- lookback: partials/change_deployments.sql. A change counts when a production deployment shipped it,
-- its author is not a bot (metrics.exclude_bots) and the cold start does not leave it out; its value is
-- its lead time in hours: the sum of its stages — coding (first commit -> PR opened; 0 when the first
-- commit is unknown), review (opened -> merged) and deploy (merged -> deployed) — each at least 0, so a
-- clock that disagrees (a commit dated after the PR opened, a deployment recorded before the merge)
-- makes that stage 0 and never shortens the others.
SELECT
    'change' AS kind,
    pr_id AS id,
    pr_source AS source,
    service,
    team,
    at,
    reason = '' AS counted,
    if(counted, toNullable((coding_seconds + review_seconds + deploy_seconds) / 3600), NULL) AS value,
    reason,
    {{> group_team(team)}} AS group_team,
    {{> group_golden(deployment_golden)}} AS group_golden,
    author,
    shipped_id AS deployment_id,
    attribution,
    if(shipped, deployment_environment, '') AS environment,
    first_commit_at,
    created_at,
    merged_at,
    shipped_at AS deployed_at,
    if(first_commit_at IS NULL, NULL, toNullable(coding_seconds / 3600)) AS coding_hours,
    review_seconds / 3600 AS review_hours,
    if(shipped, toNullable(deploy_seconds / 3600), NULL) AS deploy_hours,
    bot_rule,
    if(shipped, (toInt64(assumeNotNull(shipped_at)) - toInt64(merged_at)) / 86400, NULL) AS days_merged_before_deployment
FROM
(
    SELECT
        *,
        shipped_at IS NOT NULL AS shipped,
        if(shipped, assumeNotNull(shipped_at), merged_at) AS at,
        {{> bot_rule(author, author_type)}} AS bot_rule,
        multiIf(NOT shipped, 'not_deployed',
                {{exclude_bots}} = 1 AND bot_rule != '', 'bot_author',
                cold_start = 1, 'cold_start',
                '') AS reason,
        greatest(0, toInt64(created_at) - toInt64(ifNull(first_commit_at, created_at))) AS coding_seconds,
        greatest(0, toInt64(merged_at) - toInt64(created_at)) AS review_seconds,
        greatest(0, toInt64(assumeNotNull(shipped_at)) - toInt64(merged_at)) AS deploy_seconds
    FROM ({{> change_deployments(@lookback_from)}})
    WHERE {{> ownership_filter}}
        AND ({{golden}} = -1 OR (shipped_at IS NOT NULL AND deployment_golden = {{golden}}))
)
WHERE at >= {{from}} AND at < {{to}}
