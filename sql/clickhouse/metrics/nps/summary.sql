-- Developer NPS (docs/surveys.md): each respondent's latest answer per campaign as of the range end
-- (latest answered_at, then latest received: a second answer replaces the first, a replayed one
-- counts once), placed in [from, to) by its answered_at. promoters 9-10, passives 7-8, detractors 0-6;
-- value = 100 * (promoters - detractors) / n. Margin of error (95 %): 1.96 * 100 * sqrt((p + d - (p - d)^2) / n)
-- with p, d the promoter and detractor shares, times sqrt((N - n) / (N - 1)) when one campaign is asked
-- for and its audience size N for the group is known (copied onto each answer at write time).
--
-- Privacy: the cells are team x (summary, each period); k = the larger of metrics.minimum_group_size and
-- the campaigns' anonymity thresholds. A cell is shown only when it has >= k respondents AND no published
-- total minus the shown cells would leave 1..k-1 respondents (the complement): per column (the organisation
-- minus its shown teams, for the summary and for each period) and per row (a group's summary minus its
-- shown periods), the smallest shown cell is hidden as well when that remainder would be 1..k-1.
-- Answers without a team count for the organisation only. Hidden cells show no figure but n = null and
-- suppressed = 1; a cell with no respondents shows n = 0.
-- The cells asked for: the team filter's (the organisation when it is empty) or, with by_team, every
-- team's (partials/group_team.sql), each with its row and column rules.
SELECT
    bucket,
    group_team,
    if(shown AND cell_n > 0, 100 * (cell_promoters - cell_detractors) / cell_n, NULL) AS value,
    if(shown OR cell_n = 0, cell_n, NULL) AS n,
    if(shown OR cell_n = 0, cell_promoters, NULL) AS promoters,
    if(shown OR cell_n = 0, cell_passives, NULL) AS passives,
    if(shown OR cell_n = 0, cell_detractors, NULL) AS detractors,
    if(shown AND cell_n > 0,
        1.96 * 100 * sqrt((cell_promoters / cell_n + cell_detractors / cell_n - pow(cell_promoters / cell_n - cell_detractors / cell_n, 2)) / cell_n)
            * if(population = 0, 1, if(population > cell_n, sqrt((toFloat64(population) - cell_n) / (toFloat64(population) - 1)), 0)),
        NULL) AS margin_of_error,
    if(population = 0, NULL, population) AS audience_size,
    NOT shown AND cell_n > 0 AS suppressed
FROM
(
    -- The row: a group's summary minus its shown periods must not leave 1..k-1 respondents either.
    SELECT
        group_team, bucket, cell_n, cell_promoters, cell_passives, cell_detractors, population,
        summary_shown AND (bucket = 'summary' OR has(shown_periods, bucket)) AS shown
    FROM
    (
        SELECT
            group_team, buckets, ns, promoter_counts, passive_counts, detractor_counts, populations, summary_shown,
            if(row_remainder > 0 AND row_remainder < row_k, arraySlice(row_ranked, 2), row_ranked) AS shown_periods
        FROM
        (
            SELECT
                group_team,
                groupArray(bucket) AS buckets,
                groupArray(cell_n) AS ns,
                groupArray(cell_promoters) AS promoter_counts,
                groupArray(cell_passives) AS passive_counts,
                groupArray(cell_detractors) AS detractor_counts,
                groupArray(cell_population) AS populations,
                max(bucket = 'summary' AND candidate) AS summary_shown,
                any(k) AS row_k,
                arraySort((b, m) -> (m, b),
                    groupArrayIf(bucket, bucket != 'summary' AND candidate),
                    groupArrayIf(cell_n, bucket != 'summary' AND candidate)) AS row_ranked,
                sumIf(cell_n, bucket = 'summary') - sumIf(cell_n, bucket != 'summary' AND candidate) AS row_remainder
            FROM
            (
                -- The columns: per bucket, each asked group's cell and whether it survives the column rule.
                SELECT
                    bucket,
                    k,
                    group_team,
                    if(group_team = '', total_n, arraySum(arrayMap((v, t) -> if(t = group_team, v, 0), team_ns, teams))) AS cell_n,
                    if(group_team = '', total_promoters, arraySum(arrayMap((v, t) -> if(t = group_team, v, 0), team_promoters, teams))) AS cell_promoters,
                    if(group_team = '', total_passives, arraySum(arrayMap((v, t) -> if(t = group_team, v, 0), team_passives, teams))) AS cell_passives,
                    if(group_team = '', total_detractors, arraySum(arrayMap((v, t) -> if(t = group_team, v, 0), team_detractors, teams))) AS cell_detractors,
                    if({{campaign}} = '', 0, if(group_team = '', campaign_population, arrayReduce('max', arrayMap((v, t) -> if(t = group_team, v, 0), team_populations, teams)))) AS cell_population,
                    if(group_team = '',
                        total_n >= k,
                        if(bucket = 'summary', has(visible_teams, group_team), has(column_visible, group_team))) AS candidate
                FROM
                (
                    WITH
                        (SELECT any(k) FROM nps_rule) AS rule_k,
                        (SELECT any(visible_teams) FROM nps_rule) AS rule_teams
                    SELECT
                        bucket,
                        rule_k AS k,
                        rule_teams AS visible_teams,
                        groupArray(cell_team) AS teams,
                        groupArray(n) AS team_ns,
                        groupArray(promoters) AS team_promoters,
                        groupArray(passives) AS team_passives,
                        groupArray(detractors) AS team_detractors,
                        groupArray(team_audience) AS team_populations,
                        sum(n) AS total_n,
                        sum(promoters) AS total_promoters,
                        sum(passives) AS total_passives,
                        sum(detractors) AS total_detractors,
                        max(campaign_audience) AS campaign_population,
                        arraySort((t, m) -> (m, t),
                            groupArrayIf(cell_team, has(rule_teams, cell_team) AND n >= rule_k),
                            groupArrayIf(n, has(rule_teams, cell_team) AND n >= rule_k)) AS column_ranked,
                        sum(n) - sumIf(n, has(rule_teams, cell_team) AND n >= rule_k) AS column_remainder,
                        if(column_remainder > 0 AND column_remainder < rule_k, arraySlice(column_ranked, 2), column_ranked) AS column_visible
                    FROM nps_cells
                    GROUP BY bucket
                )
                ARRAY JOIN if({{by_team}} = 1, arrayFilter(t -> t != '', teams), [{{team}}]) AS group_team
            )
            GROUP BY group_team
        )
    )
    ARRAY JOIN
        buckets AS bucket,
        ns AS cell_n,
        promoter_counts AS cell_promoters,
        passive_counts AS cell_passives,
        detractor_counts AS cell_detractors,
        populations AS population
)
