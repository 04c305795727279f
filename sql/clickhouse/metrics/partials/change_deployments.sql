-- Each change of window_changes (the temporary table of merged pull requests the metric built) and
-- the production deployment of window_deployments that shipped it, in the caller's environment:
--   by commits (attribution 'commits'), when any deployment of the service lists the commits it
--     shipped: the first deployment whose commits (or commit_sha) include the change's merge commit;
--   by time (attribution 'time') otherwise: the first deployment of the service that finished at or
--     after the merge (ClickHouse 18.16 has no ASOF JOIN: counted in a sorted stream, below).
-- Each way reads only the services it applies to (commit_listing_services): the by-time join is
-- the costly one and is wasted on a service that lists its commits.
-- shipped_at / shipped_id: that deployment (NULL / '' while none did). Cold start: when it is the
-- service's first known production deployment, the change counts only when merged at most cold_start
-- before it (cold_start = 1 otherwise); deployed_at is shipped_at for a change that counts, else NULL.
-- $1 = the earliest merge the window holds.
SELECT
    pr_source, pr_id, repository, service, team, author, author_type, created_at, merged_at, first_commit_at, ready_for_review_at, first_review_at, labels,
    if(toUInt32(deployed_candidate) > 0, toNullable(deployed_candidate), NULL) AS shipped_at,
    if(toUInt32(deployed_candidate) > 0, deployment_id, '') AS shipped_id,
    toUInt8(toUInt32(deployed_candidate) > 0 AND deployed_candidate = first_deployment_at
        AND merged_at < deployed_candidate - {{cold_start}}) AS cold_start,
    if(toUInt32(deployed_candidate) > 0 AND cold_start = 0, toNullable(deployed_candidate), NULL) AS deployed_at,
    if(lists_commits = 1, 'commits', 'time') AS attribution,
    deployment_environment, deployment_golden, first_deployment_at
FROM
(
    SELECT
        pr_source, pr_id, repository, service, team, author, author_type, created_at, merged_at, first_commit_at, ready_for_review_at, first_review_at, labels, first_deployment_at, lists_commits,
        if(lists_commits = 1, shipped_at, by_time_at) AS deployed_candidate,
        if(lists_commits = 1, shipped_deployment_id, by_time_id) AS deployment_id,
        if(lists_commits = 1, shipped_environment, by_time_environment) AS deployment_environment,
        if(lists_commits = 1, shipped_golden, by_time_golden) AS deployment_golden
    FROM
    (
        SELECT *
        FROM
        (
            SELECT *
            FROM
            (
                SELECT *
                FROM
                (
                    SELECT pr_source, pr_id, repository, service, team, author, author_type, created_at, merged_at, first_commit_at, ready_for_review_at, first_review_at, labels, cityHash64(merge_commit_sha) AS sha_key
                    FROM window_changes
                )
                ANY LEFT JOIN
                (
                    SELECT service, max(length(commits) > 0) AS lists_commits
                    FROM ({{> production_deployments}})
                    WHERE {{> environment_filter}}
                    GROUP BY service
                ) USING service
            )
            ANY LEFT JOIN
            (
                SELECT
                    service,
                    cityHash64(sha) AS sha_key,
                    min(finished_at) AS shipped_at,
                    -- Ties of the same second broken by the values themselves: both pick the same row, every run.
                    argMin(environment, (finished_at, environment, is_golden)) AS shipped_environment,
                    argMin(is_golden, (finished_at, environment, is_golden)) AS shipped_golden,
                    argMin(id, (finished_at, environment, is_golden, id)) AS shipped_deployment_id
                FROM
                (
                    SELECT id, service, finished_at, environment, is_golden, arrayConcat(commits, [commit_sha]) AS shas
                    FROM ({{> production_deployments}})
                    WHERE {{> environment_filter}} AND service IN ({{> commit_listing_services}})
                )
                ARRAY JOIN shas AS sha
                WHERE sha != ''
                GROUP BY service, sha_key
            ) USING (service, sha_key)
        )
        ANY LEFT JOIN
        (
            -- By time: a service's changes and deployments in one stream sorted by time (a change before
            -- a deployment of the same second); a change that d deployments precede ships with the
            -- service's deployment number d + 1. Linear in both: no change meets more than one deployment.
            SELECT pr_id, by_time_at, by_time_environment, by_time_golden, by_time_id
            FROM
            (
                SELECT tupleElement(event, 3) AS pr_id, service, toUInt64(deployments_before + 1) AS ordinal
                FROM
                (
                    SELECT service, arraySort(groupArray((at, is_deployment, event_pr_id))) AS events
                    FROM
                    (
                        SELECT service, toUInt32(merged_at) AS at, toUInt8(0) AS is_deployment, pr_id AS event_pr_id
                        FROM window_changes
                        WHERE service NOT IN ({{> commit_listing_services}})
                        UNION ALL
                        SELECT service, toUInt32(finished_at) AS at, toUInt8(1) AS is_deployment, '' AS event_pr_id
                        FROM ({{> production_deployments}})
                        WHERE {{> environment_filter}} AND service NOT IN ({{> commit_listing_services}})
                    )
                    GROUP BY service
                )
                -- TRICKY: arrays unrolled together, never indexed (events[i] would copy the whole
                -- stream into every row: quadratic in a busy service's deployments).
                ARRAY JOIN events AS event, arrayCumSum(arrayMap(e -> tupleElement(e, 2), events)) AS deployments_before
                WHERE tupleElement(event, 2) = 0
            )
            ANY INNER JOIN
            (
                SELECT
                    service,
                    ordinal,
                    tupleElement(entry, 1) AS by_time_at,
                    tupleElement(entry, 2) AS by_time_environment,
                    tupleElement(entry, 3) AS by_time_golden,
                    tupleElement(entry, 4) AS by_time_id
                FROM
                (
                    SELECT service, arraySort(groupArray((finished_at, environment, is_golden, id))) AS timeline
                    FROM ({{> production_deployments}})
                    WHERE {{> environment_filter}} AND service NOT IN ({{> commit_listing_services}})
                    GROUP BY service
                )
                ARRAY JOIN timeline AS entry, arrayMap(k -> toUInt64(k), arrayEnumerate(timeline)) AS ordinal
            ) USING (service, ordinal)
        ) USING pr_id
    )
    ANY LEFT JOIN ({{> first_deployments}}) USING service
)
