-- The latest copy of each incident, with its service's owning team.
SELECT incident_id, service, catalog_team AS team, started_at, resolved_at, deployment_id, change_related
FROM
(
    SELECT
        id AS incident_id,
        argMax(service, _version) AS service,
        argMax(started_at, _version) AS started_at,
        argMax(resolved_at, _version) AS resolved_at,
        argMax(deployment_id, _version) AS deployment_id,
        argMax(change_related, _version) AS change_related
    FROM incidents
    GROUP BY source, id
)
ANY LEFT JOIN
(
    SELECT catalog_name AS service, catalog_team FROM ({{> services_latest}})
) USING service
