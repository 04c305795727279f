-- Each change (pull request) merged in [$1, $2) and the production deployment that shipped it
-- (deployed_at NULL while none did), among the deployments of window_deployments (the temporary
-- table the metric built, with commits) in the caller's environment:
--   by commits, when any deployment of the service lists the commits it shipped: the first
--     deployment whose commits (or commit_sha) include the change's merge commit;
--   by time otherwise: the first deployment of the service that finished at or after the merge.
-- Cold start: a change shipped by the service's first known deployment counts only when merged at
-- most cold_start before it. The change's service is its own, else the catalog's for its repository.
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
        if(lists_commits = 1, shipped_at, tupleElement(by_time, 1)) AS deployed_candidate,
        if(lists_commits = 1, shipped_environment, tupleElement(by_time, 2)) AS deployment_environment,
        if(lists_commits = 1, shipped_golden, tupleElement(by_time, 3)) AS deployment_golden
    FROM
    (
        -- TRICKY: in 18.16 a lambda cannot see columns of a JOIN made at its own level, hence the nesting.
        SELECT *, arrayFirst(d -> tupleElement(d, 1) >= merged_at, timeline) AS by_time
        FROM
        (
            SELECT *
            FROM
            (
                SELECT *
                FROM
                (
                    WITH ({{> team_map}}) AS team_map
                    SELECT
                        pr_id, repository, service,
                        transform(service, tupleElement(team_map, 1), tupleElement(team_map, 2), '') AS team,
                        author, created_at, merged_at, first_commit_at, merge_commit_sha
                    FROM
                    (
                        WITH ({{> repository_map}}) AS repository_map
                        SELECT
                            pr_id, repository,
                            if(pr_service != '', pr_service, transform(repository, tupleElement(repository_map, 1), tupleElement(repository_map, 2), '')) AS service,
                            author, created_at, assumeNotNull(latest_merged_at) AS merged_at, first_commit_at, merge_commit_sha
                        FROM
                        (
                            -- TRICKY: an alias equal to a column name would replace that column in WHERE.
                            SELECT
                                id AS pr_id,
                                argMax(repository, _version) AS repository,
                                argMax(service, _version) AS pr_service,
                                argMax(author, _version) AS author,
                                argMax(created_at, _version) AS created_at,
                                argMax(merged_at, _version) AS latest_merged_at,
                                argMax(first_commit_at, _version) AS first_commit_at,
                                argMax(merge_commit_sha, _version) AS merge_commit_sha
                            FROM pull_requests
                            WHERE merged_at >= {{$1}} AND merged_at < {{$2}}
                            GROUP BY source, id
                        )
                    )
                )
                ANY LEFT JOIN
                (
                    SELECT
                        service,
                        arraySort(groupArray((finished_at, environment, is_golden))) AS timeline,
                        max(length(commits) > 0) AS lists_commits
                    FROM ({{> production_deployments}})
                    WHERE {{> environment_filter}}
                    GROUP BY service
                ) USING service
            )
            ANY LEFT JOIN
            (
                SELECT
                    service,
                    sha AS merge_commit_sha,
                    min(finished_at) AS shipped_at,
                    argMin(environment, finished_at) AS shipped_environment,
                    argMin(is_golden, finished_at) AS shipped_golden
                FROM
                (
                    SELECT service, finished_at, environment, is_golden, arrayConcat(commits, [commit_sha]) AS shas
                    FROM ({{> production_deployments}})
                    WHERE {{> environment_filter}}
                )
                ARRAY JOIN shas AS sha
                WHERE sha != ''
                GROUP BY service, sha
            ) USING (service, merge_commit_sha)
        )
        ANY LEFT JOIN ({{> first_deployments}}) USING service
    )
)
