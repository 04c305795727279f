-- A campaign's comments, grouped by team, only for groups of at least k respondents (k = the larger of
-- metrics.minimum_group_size and the campaign's anonymity threshold). The teams shown are those the NPS
-- metric shows for the campaign's whole life (same rule: >= k respondents, and the organisation minus the
-- shown teams never leaves 1..k-1); every other answer falls in one group '' (other teams and answers
-- without a team), shown only when it too has >= k respondents. Each respondent's latest answer counts.
-- Comments come in an order that says nothing about who wrote them or when (by a hash of the respondent).
WITH
    (
        SELECT greatest(toUInt64({{min_group_size}}), toUInt64(max(anonymity_threshold)))
        FROM nps_responses
        WHERE campaign = {{campaign}}
    ) AS k,
    (
        SELECT if(remainder > 0 AND remainder < group_min, arraySlice(ranked, 2), ranked)
        FROM
        (
            -- TRICKY: a scalar subquery does not see the outer WITH, so it computes k again.
            WITH
                (
                    SELECT greatest(toUInt64({{min_group_size}}), toUInt64(max(anonymity_threshold)))
                    FROM nps_responses
                    WHERE campaign = {{campaign}}
                ) AS group_min
            SELECT
                group_min,
                arraySort((t, m) -> (m, t), groupArrayIf(team_name, team_name != '' AND respondents >= group_min), groupArrayIf(respondents, team_name != '' AND respondents >= group_min)) AS ranked,
                sum(respondents) - sumIf(respondents, team_name != '' AND respondents >= group_min) AS remainder
            FROM
            (
                SELECT latest_team AS team_name, count() AS respondents
                FROM
                (
                    SELECT argMax(team, (answered_at, _version)) AS latest_team
                    FROM nps_responses
                    WHERE campaign = {{campaign}}
                    GROUP BY respondent
                )
                GROUP BY team_name
            )
        )
    ) AS visible_teams
SELECT
    if(has(visible_teams, latest_team), latest_team, '') AS group_team,
    count() AS respondents,
    arrayMap(c -> tupleElement(c, 2), arraySort(groupArrayIf((cityHash64(respondent), latest_comment), latest_comment != ''))) AS comments,
    any(k) AS minimum_group_size
FROM
(
    SELECT
        respondent,
        argMax(team, (answered_at, _version)) AS latest_team,
        argMax(comment, (answered_at, _version)) AS latest_comment
    FROM nps_responses
    WHERE campaign = {{campaign}}
    GROUP BY respondent
)
GROUP BY group_team
HAVING respondents >= minimum_group_size
ORDER BY group_team = '', group_team
