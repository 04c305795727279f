-- Teams, from service ownership and from engineers' teams, with their services, their engineers,
-- the day of their first golden-path production deployment (their platform adoption date), and how the
-- team catalog (Backstage groups, or pushed teams) names them and places them (display name, parent).
SELECT team, services, engineers, first_golden_path_deployment, display_name, parent
FROM
(
    SELECT team, services, engineers, first_golden_path_deployment
    FROM
    (
        SELECT team, arraySort(groupArrayIf(name, name != '')) AS services, sum(is_engineer) AS engineers
        FROM
        (
            SELECT name, argMax(team, _version) AS team, 0 AS is_engineer FROM services GROUP BY name
            UNION ALL
            SELECT '' AS name, argMax(team, _version) AS team, 1 AS is_engineer FROM engineers GROUP BY id
        )
        WHERE team != ''
        GROUP BY team
    )
    ANY LEFT JOIN
    (
        SELECT team, toNullable(min(assumeNotNull(finished_at))) AS first_golden_path_deployment
        FROM ({{> deployments_latest(@far_past, @far_future, emptyArrayString(), '', 1)}})
        WHERE status = 'success' AND is_production = 1 AND is_golden = 1 AND finished_at IS NOT NULL AND team != ''
        GROUP BY team
    ) USING team
)
ANY LEFT JOIN
(
    SELECT name AS team, argMax(display_name, _version) AS display_name, argMax(parent, _version) AS parent
    FROM teams
    GROUP BY name
) USING team
ORDER BY team
