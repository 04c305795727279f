-- The author keys (lower-cased GitHub login and id) of the engineers who started in [from, to) in the
-- caller's team: onboarding's cohort (@cohort_changes).
SELECT author_key
FROM
(
    SELECT
        [lower(argMax(github_login, _version)), lower(id)] AS keys,
        argMax(start_date, _version) AS cohort_start_date,
        argMax(team, _version) AS cohort_team
    FROM engineers
    GROUP BY id
)
ARRAY JOIN keys AS author_key
WHERE author_key != '' AND cohort_start_date >= {{from_date}} AND cohort_start_date < {{to_date}} AND ({{team}} = '' OR cohort_team = {{team}})
