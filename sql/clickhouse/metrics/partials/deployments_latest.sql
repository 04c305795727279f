-- The latest copy of each deployment that started in [$1, $2), with its owning team (from the
-- catalog) and whether it is production and golden-path. Deduplicated by (source, id).
SELECT
    id, source, service, environment, status, finished_at, commit_sha, commits, pipeline, rollback_of, hotfix,
    catalog_team AS team,
    {{> is_production(environment, production, catalog_environments)}} AS is_production,
    {{> is_golden(golden_path, pipeline)}} AS is_golden
FROM
(
    SELECT
        source,
        id,
        argMax(service, _version) AS service,
        argMax(environment, _version) AS environment,
        argMax(status, _version) AS status,
        argMax(finished_at, _version) AS finished_at,
        argMax(commit_sha, _version) AS commit_sha,
        argMax(commits, _version) AS commits,
        argMax(pipeline, _version) AS pipeline,
        argMax(golden_path, _version) AS golden_path,
        argMax(production, _version) AS production,
        argMax(rollback_of, _version) AS rollback_of,
        argMax(hotfix, _version) AS hotfix
    FROM deployments
    WHERE occurred_at >= {{$1}} AND occurred_at < {{$2}}
    GROUP BY source, id
)
ANY LEFT JOIN
(
    SELECT catalog_name AS service, catalog_team, catalog_environments FROM ({{> services_latest}})
) USING service
