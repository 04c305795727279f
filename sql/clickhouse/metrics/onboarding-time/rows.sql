-- Onboarding time's rows: each engineer who started in [from, to) (placed by the start date) within the
-- team filter (the engineer's own team). One counts when a change they authored and merged on or after
-- their start date reached production (author = their github_login, case-insensitive, or their id;
-- deployment as in lead time; bots' changes left out with metrics.exclude_bots); value: days from the
-- start date (00:00 UTC) to the first such deployment. Also days to their first and tenth merged pull
-- request. Privacy (a group under min_group_size is suppressed) is the summary's and the engine's.
SELECT
    'engineer' AS kind,
    engineer_id AS id,
    engineer_source AS source,
    '' AS service,
    team,
    toDateTime(start_date, 'UTC') AS at,
    toUInt32(first_deploy_at) > 0 AS counted,
    if(counted, toNullable(greatest(0, toInt64(first_deploy_at) - toInt64(at)) / 86400), NULL) AS value,
    if(counted, '', 'not_reached_production') AS reason,
    {{> group_team(team)}} AS group_team,
    toInt8(-1) AS group_golden,
    start_date,
    github_login,
    if(counted, first_change_id, '') AS first_change,
    if(counted, first_deployment_id, '') AS first_deployment,
    if(toUInt32(first_merge_at) > 0, toNullable(greatest(0, toInt64(first_merge_at) - toInt64(at)) / 86400), NULL) AS days_to_first_merged_pr,
    if(toUInt32(tenth_merge_at) > 0, toNullable(greatest(0, toInt64(tenth_merge_at) - toInt64(at)) / 86400), NULL) AS days_to_tenth_merged_pr
FROM
(
    SELECT engineer_id, engineer_source, start_date, team, github_login
    FROM
    (
        SELECT
            id AS engineer_id,
            argMax(source, _version) AS engineer_source,
            argMax(start_date, _version) AS start_date,
            argMax(team, _version) AS team,
            argMax(github_login, _version) AS github_login
        FROM engineers
        GROUP BY id
    )
    WHERE start_date >= {{from_date}} AND start_date < {{to_date}} AND ({{team}} = '' OR team = {{team}})
)
ANY LEFT JOIN
(
    SELECT
        engineer_id,
        ifNull(min(deployed_at), toDateTime(0, 'UTC')) AS first_deploy_at,
        argMinIf(pr_id, assumeNotNull(deployed_at), deployed_at IS NOT NULL) AS first_change_id,
        argMinIf(shipped_id, assumeNotNull(deployed_at), deployed_at IS NOT NULL) AS first_deployment_id,
        min(merged_at) AS first_merge_at,
        tupleElement(arrayElement(arraySort(groupUniqArray((merged_at, pr_id))), 10), 1) AS tenth_merge_at
    FROM
    (
        SELECT lower(author) AS author_key, pr_id, merged_at, deployed_at, shipped_id
        FROM ({{> change_deployments(@from)}})
        WHERE NOT ({{exclude_bots}} = 1 AND {{> bot_rule(author, author_type)}} != '')
    )
    -- ALL: an author key that several engineers share (a reused login) counts for each of them;
    -- ANY would give the change to one of them, a different one from run to run.
    ALL INNER JOIN
    (
        SELECT author_key, engineer_id, any(engineer_start) AS engineer_start
        FROM
        (
            SELECT
                id AS engineer_id,
                [lower(argMax(github_login, _version)), lower(id)] AS keys,
                toDateTime(argMax(start_date, _version), 'UTC') AS engineer_start
            FROM engineers
            GROUP BY id
        )
        ARRAY JOIN keys AS author_key
        WHERE author_key != ''
        GROUP BY author_key, engineer_id
    ) USING author_key
    -- Only what they did since they started: a pull request merged before the start date (under a
    -- login used before joining) is not their onboarding, and the answer must not depend on how
    -- far before the start the question's range begins.
    WHERE merged_at >= engineer_start
    GROUP BY engineer_id
) USING engineer_id
