-- Every team and service name the warehouse knows (kind 'team' or 'service'), for the check that a
-- team= or service= filter names something (MetricScopeCheck): teams own catalog services, employ
-- engineers, ask for infrastructure or answer surveys; services are in the catalog or carry events.
SELECT kind, known AS name
FROM
(
    -- TRICKY: no alias equals a column name (it would replace the column in GROUP BY).
    SELECT 'team' AS kind, argMax(team, _version) AS known FROM services GROUP BY name
    UNION ALL
    SELECT 'team' AS kind, argMax(team, _version) AS known FROM engineers GROUP BY id
    UNION ALL
    SELECT 'team' AS kind, team AS known FROM provisioning_requests GROUP BY team
    UNION ALL
    SELECT 'team' AS kind, team AS known FROM nps_responses GROUP BY team
    UNION ALL
    SELECT 'service' AS kind, name AS known FROM services GROUP BY name
    UNION ALL
    SELECT 'service' AS kind, service AS known FROM deployments GROUP BY service
    UNION ALL
    SELECT 'service' AS kind, service AS known FROM incidents GROUP BY service
    UNION ALL
    SELECT 'service' AS kind, service AS known FROM pull_requests GROUP BY service
    UNION ALL
    SELECT 'service' AS kind, service AS known FROM provisioning_requests GROUP BY service
)
WHERE known != ''
GROUP BY kind, known
ORDER BY kind, known
