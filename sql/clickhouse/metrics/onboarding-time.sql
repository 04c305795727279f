-- Onboarding time: for each engineer who started in [from, to) (placed and grouped by start
-- date), days from the start date (00:00 UTC) to the deployment of the first production change
-- they authored and merged on or after that day (author = their github_login, case-insensitive, or
-- their id; deployment as in lead time). Also days to their first and tenth merged pull request.
-- A group of fewer than min_group_size engineers is suppressed: no figure leaves the warehouse for it.
-- Only the cohort's pull requests and their services' deployments are read (@cohort_changes,
-- @cohort_services): the answer joins changes to engineers by author, deployments to changes by service.
CREATE TEMPORARY TABLE window_changes AS
{{> changes_latest(@from, @now, @cohort_changes, 1)}};

CREATE TEMPORARY TABLE window_deployments AS
{{> deployments_latest(@range_scan_from, @now, commits, commit_sha, @cohort_services)}};

SELECT
    bucket,
    group_team,
    engineers,
    engineers < {{min_group_size}} AS suppressed,
    if(suppressed, NULL, length(reached)) AS n,
    if(suppressed, NULL, engineers - length(reached)) AS pending,
    if(suppressed, NULL, {{> r7(reached, 0.5)}}) AS value,
    if(suppressed, NULL, {{> r7(reached, 0.5)}}) AS p50,
    if(suppressed, NULL, {{> r7(reached, 0.75)}}) AS p75,
    if(suppressed, NULL, {{> r7(reached, 0.9)}}) AS p90,
    if(suppressed, NULL, 100 * arrayCount(d -> d <= 30, reached) / engineers) AS reached_within_30d_percent,
    if(suppressed, NULL, {{> r7(first_pr, 0.5)}}) AS breakdown_days_to_first_merged_pr,
    if(suppressed, NULL, {{> r7(tenth_pr, 0.5)}}) AS breakdown_days_to_tenth_merged_pr
FROM
(
    SELECT
        group_team,
        bucket,
        count() AS engineers,
        arraySort(groupArrayIf(days_to_first_deploy, reached_production)) AS reached,
        arraySort(groupArrayIf(days_to_first_pr, has_first_pr)) AS first_pr,
        arraySort(groupArrayIf(days_to_tenth_pr, has_tenth_pr)) AS tenth_pr
    FROM
    (
        SELECT
            group_team,
            start_date,
            toUInt32(first_deploy_at) > 0 AS reached_production,
            greatest(0, toInt64(first_deploy_at) - toInt64(toDateTime(start_date, 'UTC'))) / 86400 AS days_to_first_deploy,
            toUInt32(first_merge_at) > 0 AS has_first_pr,
            greatest(0, toInt64(first_merge_at) - toInt64(toDateTime(start_date, 'UTC'))) / 86400 AS days_to_first_pr,
            toUInt32(tenth_merge_at) > 0 AS has_tenth_pr,
            greatest(0, toInt64(tenth_merge_at) - toInt64(toDateTime(start_date, 'UTC'))) / 86400 AS days_to_tenth_pr
        FROM
        (
            SELECT engineer_id, start_date, {{> group_team(team)}} AS group_team
            FROM
            (
                SELECT id AS engineer_id, argMax(start_date, _version) AS start_date, argMax(team, _version) AS team
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
                min(merged_at) AS first_merge_at,
                tupleElement(arrayElement(arraySort(groupUniqArray((merged_at, pr_id))), 10), 1) AS tenth_merge_at
            FROM
            (
                SELECT lower(author) AS author_key, pr_id, merged_at, deployed_at
                FROM ({{> change_deployments(@from)}})
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
    )
    ARRAY JOIN ['summary', toString({{period}}(start_date))] AS bucket
    GROUP BY group_team, bucket
)
