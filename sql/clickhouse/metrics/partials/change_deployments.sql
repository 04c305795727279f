-- Each change of window_changes (the temporary table of merged pull requests the metric built) and
-- the production deployment of window_deployments that shipped it (deployed_at NULL while none did),
-- in the caller's environment:
--   by commits, when any deployment of the service lists the commits it shipped: the first
--     deployment whose commits (or commit_sha) include the change's merge commit;
--   by time otherwise: the first deployment of the service that finished at or after the merge —
--     found by joining the change to the (previous finish, this finish] interval holding its merge,
--     cut into days so the join is an equality (ClickHouse 18.16 has no ASOF JOIN).
-- Each way reads only the services it applies to (commit_listing_services): the by-time join is
-- the costly one and is wasted on a service that lists its commits.
-- Cold start: a change shipped by the service's first known deployment counts only when merged at
-- most cold_start before it. $1 = the earliest merge the window holds.
SELECT
    pr_id, repository, service, team, author, created_at, merged_at, first_commit_at,
    if(toUInt32(deployed_candidate) > 0
         AND NOT (deployed_candidate = first_deployment_at AND merged_at < deployed_candidate - {{cold_start}}),
       toNullable(deployed_candidate), NULL) AS deployed_at,
    deployment_environment, deployment_golden
FROM
(
    SELECT
        pr_id, repository, service, team, author, created_at, merged_at, first_commit_at, first_deployment_at,
        if(lists_commits = 1, shipped_at, by_time_at) AS deployed_candidate,
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
                    SELECT pr_id, repository, service, team, author, created_at, merged_at, first_commit_at, cityHash64(merge_commit_sha) AS sha_key
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
                    argMin(environment, finished_at) AS shipped_environment,
                    argMin(is_golden, finished_at) AS shipped_golden
                FROM
                (
                    SELECT service, finished_at, environment, is_golden, arrayConcat(commits, [commit_sha]) AS shas
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
            -- By time: at most one interval (previous finish, this finish] holds a merge.
            SELECT pr_id, by_time_at, by_time_environment, by_time_golden
            FROM
            (
                SELECT pr_id, merged_at, previous_at, by_time_at, by_time_environment, by_time_golden
                FROM
                (
                    SELECT pr_id, service, merged_at, toDate(merged_at) AS day
                    FROM window_changes
                    WHERE service NOT IN ({{> commit_listing_services}})
                )
                ALL INNER JOIN
                (
                    SELECT service, day, previous_at, by_time_at, by_time_environment, by_time_golden
                    FROM
                    (
                        SELECT
                            service,
                            if(i = 1, {{$1}}, tupleElement(timeline[greatest(i - 1, 1)], 1)) AS previous_at,
                            tupleElement(timeline[i], 1) AS by_time_at,
                            tupleElement(timeline[i], 2) AS by_time_environment,
                            tupleElement(timeline[i], 3) AS by_time_golden
                        FROM
                        (
                            SELECT service, arraySort(groupArray((finished_at, environment, is_golden))) AS timeline
                            FROM ({{> production_deployments}})
                            WHERE {{> environment_filter}} AND service NOT IN ({{> commit_listing_services}})
                            GROUP BY service
                        )
                        ARRAY JOIN arrayEnumerate(timeline) AS i
                    )
                    ARRAY JOIN arrayMap(k -> toDate(previous_at) + k, range(toUInt32(greatest(toDate(by_time_at) - toDate(previous_at), 0)) + 1)) AS day
                ) USING (service, day)
            )
            WHERE merged_at > previous_at AND merged_at <= by_time_at
        ) USING pr_id
    )
    ANY LEFT JOIN ({{> first_deployments}}) USING service
)
