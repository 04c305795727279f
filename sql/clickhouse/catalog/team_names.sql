-- The teams of teams.sql, names only: owners of catalog services and engineers' teams. Reads no
-- deployment (teams.sql scans them all for adoption dates), for team lists and per-team tables.
SELECT team
FROM
(
    SELECT argMax(team, _version) AS team FROM services GROUP BY name
    UNION ALL
    SELECT argMax(team, _version) AS team FROM engineers GROUP BY id
)
WHERE team != ''
GROUP BY team
ORDER BY team
