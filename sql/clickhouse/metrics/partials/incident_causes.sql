-- Each incident (latest copy) and the production deployment of window_deployments it is attributed to
-- (docs/metrics.md, change failure rate):
--   named: it names a deployment in deployment_id (matched on the deployment's id), whatever
--     change_related says;
--   window: it is change-related, names none, and the latest production deployment of its service
--     that finished before it started did so within the attribution window.
-- cause: that deployment's id ('' when none; a named id that is no production deployment of the
-- window marks nothing); attribution: named, window or ''; exclusion: why an unnamed incident has
-- none — not_change_related, no_deployment_before or outside_attribution_window. latest_deployment_id
-- / _at: the latest production deployment of its service before it (for the explanation).
SELECT
    incident_source, incident_id, service, team, started_at, resolved_at, deployment_id, change_related,
    if(deployment_id != '', deployment_id,
       if(change_related = 1 AND toUInt32(candidate_finished_at) > 0 AND candidate_finished_at + {{window}} >= started_at,
          candidate_id, '')) AS cause,
    multiIf(deployment_id != '', 'named', cause != '', 'window', '') AS attribution,
    multiIf(cause != '', '',
            change_related = 0, 'not_change_related',
            toUInt32(candidate_finished_at) = 0, 'no_deployment_before',
            'outside_attribution_window') AS exclusion,
    candidate_id AS latest_deployment_id,
    if(toUInt32(candidate_finished_at) = 0, NULL, toNullable(candidate_finished_at)) AS latest_deployment_at
FROM ({{> incidents_latest}})
ANY LEFT JOIN
(
    -- The latest deployment at or before each incident: a service's deployments and incidents
    -- in one stream sorted by time (a deployment before an incident of the same second); an
    -- incident that d deployments precede follows the service's deployment number d.
    -- Arrays unrolled together, never indexed: linear in a busy service's deployments.
    SELECT incident_source, incident_id, candidate_id, candidate_finished_at
    FROM
    (
        SELECT service, tupleElement(event, 3) AS incident_source, tupleElement(event, 4) AS incident_id, toUInt64(deployments_before) AS ordinal
        FROM
        (
            SELECT service, arraySort(groupArray((at, is_incident, event_source, event_id))) AS events
            FROM
            (
                SELECT service, toUInt32(finished_at) AS at, toUInt8(0) AS is_incident, '' AS event_source, '' AS event_id
                FROM ({{> production_deployments}})
                UNION ALL
                SELECT service, toUInt32(started_at) AS at, toUInt8(1) AS is_incident, incident_source AS event_source, incident_id AS event_id
                FROM ({{> incidents_latest}})
                WHERE deployment_id = '' AND change_related = 1
            )
            GROUP BY service
        )
        ARRAY JOIN events AS event, arrayCumSum(arrayMap(e -> toUInt32(tupleElement(e, 2) = 0), events)) AS deployments_before
        WHERE tupleElement(event, 2) = 1 AND deployments_before > 0
    )
    ANY INNER JOIN ({{> deployment_ordinals}}) USING (service, ordinal)
) USING (incident_source, incident_id)
