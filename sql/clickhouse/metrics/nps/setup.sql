-- The cells (team x summary and each period) and the summary column's privacy rule, read by summary.sql.
CREATE TEMPORARY TABLE nps_cells AS
SELECT
    latest_team AS cell_team,
    bucket,
    count() AS n,
    countIf(latest_score >= 9) AS promoters,
    countIf(latest_score >= 7 AND latest_score <= 8) AS passives,
    countIf(latest_score <= 6) AS detractors,
    max(latest_audience) AS campaign_audience,
    max(latest_team_audience) AS team_audience,
    max(latest_threshold) AS threshold
FROM
(
    -- TRICKY: aliases differ from the column names (an alias equal to a column would replace it in WHERE).
    SELECT
        argMax(team, (answered_at, _version)) AS latest_team,
        argMax(score, (answered_at, _version)) AS latest_score,
        argMax(audience_size, (answered_at, _version)) AS latest_audience,
        argMax(team_audience_size, (answered_at, _version)) AS latest_team_audience,
        argMax(anonymity_threshold, (answered_at, _version)) AS latest_threshold,
        max(answered_at) AS latest_at
    FROM nps_responses
    WHERE answered_at < {{to}} AND ({{campaign}} = '' OR campaign = {{campaign}})
    GROUP BY campaign, respondent
)
ARRAY JOIN ['summary', toString({{period}}(latest_at))] AS bucket
WHERE latest_at >= {{from}}
GROUP BY cell_team, bucket;

-- The summary column: teams with >= k respondents, ranked smallest first; when the organisation minus
-- them would leave 1..k-1 respondents, the smallest is hidden too (one hidden team of >= k is enough).
CREATE TEMPORARY TABLE nps_rule AS
SELECT
    k,
    if(remainder > 0 AND remainder < k, arraySlice(ranked, 2), ranked) AS visible_teams
FROM
(
    WITH (SELECT greatest(toUInt64({{min_group_size}}), max(toUInt64(threshold))) FROM nps_cells) AS group_min
    SELECT
        group_min AS k,
        arraySort((t, m) -> (m, t),
            groupArrayIf(cell_team, cell_team != '' AND n >= group_min),
            groupArrayIf(n, cell_team != '' AND n >= group_min)) AS ranked,
        sum(n) - sumIf(n, cell_team != '' AND n >= group_min) AS remainder
    FROM nps_cells
    WHERE bucket = 'summary'
);
