-- Where each team's data starts: the first successful production deployment of any of its services
-- (from deployment_firsts, kept on insert, so this reads no deployment row). A service outside the
-- catalog belongs to no team (''); the organisation's data starts with the earliest row.
SELECT team, min(first_deployment_at) AS first_deployment
FROM
(
    WITH ({{> team_map}}) AS team_map
    SELECT transform(service, tupleElement(team_map, 1), tupleElement(team_map, 2), '') AS team, first_deployment_at
    FROM ({{> first_deployments}})
)
GROUP BY team
ORDER BY team
