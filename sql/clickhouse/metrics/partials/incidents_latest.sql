-- The latest copy of each incident, with its service's owning team; acknowledged_at is its first
-- acknowledgement over every copy (NULL: never, or the source does not say; a later delivery without
-- it, or with a later one, does not move it), url its page at the source.
WITH ({{> team_map}}) AS team_map
SELECT
    incident_source, incident_id, service, transform(service, tupleElement(team_map, 1), tupleElement(team_map, 2), '') AS team,
    started_at, resolved_at, acknowledged_at, deployment_id, change_related, title, severity, url
FROM
(
    SELECT
        source AS incident_source,
        id AS incident_id,
        argMax(service, _version) AS service,
        argMax(started_at, _version) AS started_at,
        argMax(resolved_at, _version) AS resolved_at,
        min(acknowledged_at) AS acknowledged_at,
        argMax(deployment_id, _version) AS deployment_id,
        argMax(change_related, _version) AS change_related,
        argMax(title, _version) AS title,
        argMax(severity, _version) AS severity,
        argMax(url, _version) AS url
    FROM incidents
    GROUP BY source, id
)
