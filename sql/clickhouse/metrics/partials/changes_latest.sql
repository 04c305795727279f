-- The latest copy of each pull request merged in [$1, $2), with its service (its own, else the
-- catalog service of its repository) and that service's owning team; author_type is the source's
-- account type of its author (partials/bot_rule.sql reads it); ready_for_review_at (NULL: never a
-- draft), first_review_at (NULL: merged unreviewed, or the source does not say) and labels are lead
-- time's stages and label exclusion. first_commit_at, ready_for_review_at and first_review_at, once known,
-- stay known: a later copy without them (a webhook delivery carries none) does not erase them.
-- $3: a predicate on raw pull_requests rows that narrows the scan without changing any answer
-- (@change_scope: every version of a PR that may belong to the caller's team or service;
-- @cohort_changes: every version of a PR onboarding's cohort authored), or 1;
-- $4: the same filter on the deduplicated PR (@scope_owned), or 1.
SELECT *
FROM
(
    WITH ({{> team_map}}) AS team_map
    SELECT
        pr_source, pr_id, repository, service,
        transform(service, tupleElement(team_map, 1), tupleElement(team_map, 2), '') AS team,
        author, author_type, created_at, merged_at, first_commit_at, ready_for_review_at, first_review_at, labels, merge_commit_sha
    FROM
    (
        WITH ({{> repository_map}}) AS repository_map
        SELECT
            pr_source, pr_id, pr_repository AS repository,
            if(pr_service != '', pr_service, transform(repository, tupleElement(repository_map, 1), tupleElement(repository_map, 2), '')) AS service,
            author, author_type, created_at, assumeNotNull(latest_merged_at) AS merged_at, first_commit_at, ready_for_review_at, first_review_at, labels, merge_commit_sha
        FROM
        (
            -- TRICKY: an alias equal to a column name would replace that column in WHERE.
            SELECT
                source AS pr_source,
                id AS pr_id,
                argMax(repository, _version) AS pr_repository,
                argMax(service, _version) AS pr_service,
                argMax(author, _version) AS author,
                argMax(author_type, _version) AS author_type,
                argMax(created_at, _version) AS created_at,
                argMax(merged_at, _version) AS latest_merged_at,
                argMaxIf(first_commit_at, _version, isNotNull(first_commit_at)) AS first_commit_at,
                argMaxIf(ready_for_review_at, _version, isNotNull(ready_for_review_at)) AS ready_for_review_at,
                argMaxIf(first_review_at, _version, isNotNull(first_review_at)) AS first_review_at,
                argMax(labels, _version) AS labels,
                argMax(merge_commit_sha, _version) AS merge_commit_sha
            FROM pull_requests
            WHERE merged_at >= {{$1}} AND merged_at < {{$2}} AND {{$3}}
            GROUP BY source, id
        )
    )
    WHERE {{$4}}
)
