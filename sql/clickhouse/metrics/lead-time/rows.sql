-- Lead time's rows: each change shipped to production in [from, to) (placed by its deployment's
-- finish), and each change merged in the range that did not count. Attribution, cold start and
-- lookback: partials/change_deployments.sql. A change counts when a production deployment shipped it,
-- its author is not a bot (metrics.exclude_bots), none of its labels is one of metrics.exclude_labels
-- and the cold start does not leave it out.
-- Its value is its lead time in hours: the sum of its four stages, each at least 0, so a clock that
-- disagrees (a commit dated after the PR opened, a deployment recorded before the merge) makes that
-- stage 0 and never shortens the others:
--   coding  first commit -> put up for review (opened; for a draft, marked ready for review): the
--           draft's time is still coding. First commit unknown: from the opening (NULL when it was no
--           draft either: lead time then starts when the PR was opened).
--   pickup  put up for review -> first review (a review of the draft counts at the ready time: 0).
--   review  first review -> merged.
--           Merged without a review: pickup is NULL (nobody picked it up) and review is the whole
--           wait, put up for review -> merged.
--   deploy  merged -> deployed.
-- The ready and first-review times are first held between the opening and the merge, so the stages
-- are consecutive; for a change with neither they are the former coding, review (opened -> merged),
-- deploy.
SELECT
    'change' AS kind,
    pr_id AS id,
    pr_source AS source,
    service,
    team,
    at,
    reason = '' AS counted,
    if(counted, toNullable((coding_seconds + pickup_seconds + review_seconds + deploy_seconds) / 3600), NULL) AS value,
    reason,
    {{> group_team(team)}} AS group_team,
    {{> group_golden(deployment_golden)}} AS group_golden,
    author,
    shipped_id AS deployment_id,
    attribution,
    if(shipped, deployment_environment, '') AS environment,
    first_commit_at,
    created_at,
    ready_for_review_at,
    first_review_at,
    merged_at,
    shipped_at AS deployed_at,
    if(first_commit_at IS NULL AND ready_for_review_at IS NULL, NULL, toNullable(coding_seconds / 3600)) AS coding_hours,
    if(first_review_at IS NULL, NULL, toNullable(pickup_seconds / 3600)) AS pickup_hours,
    review_seconds / 3600 AS review_hours,
    if(shipped, toNullable(deploy_seconds / 3600), NULL) AS deploy_hours,
    labels,
    excluded_label,
    bot_rule,
    if(shipped, (toInt64(assumeNotNull(shipped_at)) - toInt64(merged_at)) / 86400, NULL) AS days_merged_before_deployment
FROM
(
    SELECT
        *,
        if(ready_for_review_at IS NULL, toInt64(created_at),
           greatest(toInt64(created_at), least(toInt64(assumeNotNull(ready_for_review_at)), toInt64(merged_at)))) AS review_start,
        if(first_review_at IS NULL, review_start,
           greatest(review_start, least(toInt64(assumeNotNull(first_review_at)), toInt64(merged_at)))) AS review_first,
        greatest(0, review_start - toInt64(ifNull(first_commit_at, created_at))) AS coding_seconds,
        review_first - review_start AS pickup_seconds,
        greatest(0, toInt64(merged_at) - review_first) AS review_seconds,
        greatest(0, toInt64(assumeNotNull(shipped_at)) - toInt64(merged_at)) AS deploy_seconds
    FROM
    (
        SELECT
            *,
            shipped_at IS NOT NULL AS shipped,
            if(shipped, assumeNotNull(shipped_at), merged_at) AS at,
            {{> bot_rule(author, author_type)}} AS bot_rule,
            arrayFirst(l -> has({{exclude_labels}}, lower(l)), labels) AS excluded_label,
            multiIf(NOT shipped, 'not_deployed',
                    {{exclude_bots}} = 1 AND bot_rule != '', 'bot_author',
                    excluded_label != '', 'excluded_label',
                    cold_start = 1, 'cold_start',
                    '') AS reason
        FROM ({{> change_deployments(@lookback_from)}})
        WHERE {{> ownership_filter}}
            AND ({{golden}} = -1 OR (shipped_at IS NOT NULL AND deployment_golden = {{golden}}))
    )
)
WHERE at >= {{from}} AND at < {{to}}
