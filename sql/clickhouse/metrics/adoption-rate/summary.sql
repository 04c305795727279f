-- Platform adoption rate: the counted rows (rows.sql) — production deployments finished in [from, to)
-- — that went through a golden path, as a percentage of them. Breakdown: service adoption (active
-- services with a golden-path deployment ÷ active services), team adoption (same for teams), template
-- share (catalog services created from a golden-path template ÷ catalog services).
SELECT
    bucket,
    group_team,
    n,
    golden_deployments,
    if(n = 0, NULL, 100 * golden_deployments / n) AS value,
    active_services,
    adopting_services,
    active_teams,
    adopting_teams,
    if(active_services = 0, NULL, 100 * adopting_services / active_services) AS breakdown_service_adoption_percent,
    if(active_teams = 0, NULL, 100 * adopting_teams / active_teams) AS breakdown_team_adoption_percent,
    breakdown_template_share_percent
FROM
(
    SELECT
        group_team,
        bucket,
        count() AS n,
        countIf(value = 1) AS golden_deployments,
        uniqExact(service) AS active_services,
        uniqExactIf(service, value = 1) AS adopting_services,
        uniqExactIf(team, team != '') AS active_teams,
        uniqExactIf(team, team != '' AND value = 1) AS adopting_teams
    FROM ({{> rows}})
    ARRAY JOIN ['summary', toString({{period}}(at))] AS bucket
    WHERE counted
    GROUP BY group_team, bucket
)
ANY LEFT JOIN
(
    SELECT
        {{> group_team(catalog_team)}} AS group_team,
        if(count() = 0, NULL, 100 * countIf(catalog_template != '') / count()) AS breakdown_template_share_percent
    FROM ({{> services_latest}})
    WHERE ({{team}} = '' OR catalog_team = {{team}}) AND ({{service}} = '' OR catalog_name = {{service}})
    GROUP BY group_team
) USING group_team
