-- Incidents as events on a timeline (Grafana annotations): the latest copy of each incident open at
-- any time in [from, to) (started before to, not resolved before from), with its service's team,
-- newest first. {{from}}/{{to}} are exact times here. Filters: team, service.
-- TRICKY: the inner aliases differ from the column names, or WHERE would see the aggregates.
WITH ({{> team_map}}) AS team_map
SELECT
    incident_id AS id,
    service,
    transform(service, tupleElement(team_map, 1), tupleElement(team_map, 2), '') AS team,
    latest_title AS title,
    latest_severity AS severity,
    latest_started_at AS started_time,
    latest_resolved_at AS resolved_time
FROM
(
    SELECT
        id AS incident_id,
        argMax(service, _version) AS service,
        argMax(title, _version) AS latest_title,
        argMax(severity, _version) AS latest_severity,
        argMax(started_at, _version) AS latest_started_at,
        argMax(resolved_at, _version) AS latest_resolved_at
    FROM incidents
    GROUP BY source, id
)
WHERE latest_started_at < {{to}} AND (latest_resolved_at IS NULL OR latest_resolved_at >= {{from}})
    AND {{> ownership_filter}}
ORDER BY latest_started_at DESC, incident_id
LIMIT {{limit}}
