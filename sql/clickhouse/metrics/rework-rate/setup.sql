-- The deployments from the lookback (an incident of the lookback may be remediated in the range) to
-- the range end, and every incident's remediation.
CREATE TEMPORARY TABLE window_deployments AS
{{> deployments_latest(@lookback_from, @to, emptyArrayString(), '', @scope)}};

-- Remediations: for each incident, the first deployment of its service that finished after the
-- incident started and before it was resolved. A service's deployments and incidents in one stream
-- sorted by time (a deployment before an incident of the same second): an incident that d deployments
-- precede is followed by the service's deployment number d + 1. Arrays unrolled together, never
-- indexed: linear in a busy service's deployments.
CREATE TEMPORARY TABLE remediations AS
SELECT service, candidate_id AS id, incident_id AS remediated_incident
FROM
(
    SELECT service, tupleElement(event, 3) AS resolved_or_never, tupleElement(event, 4) AS incident_id, toUInt64(deployments_before + 1) AS ordinal
    FROM
    (
        SELECT service, arraySort(groupArray((at, is_incident, event_resolved_or_never, event_incident))) AS events
        FROM
        (
            SELECT service, toUInt32(finished_at) AS at, toUInt8(0) AS is_incident, {{far_future}} AS event_resolved_or_never, '' AS event_incident
            FROM ({{> production_deployments}})
            UNION ALL
            SELECT service, toUInt32(started_at) AS at, toUInt8(1) AS is_incident, ifNull(resolved_at, {{far_future}}) AS event_resolved_or_never, incident_id AS event_incident
            FROM ({{> incidents_latest}})
            -- An incident that started before the deployments read here may have had its first
            -- deployment before them too: it is left out rather than given a later one.
            WHERE started_at >= {{lookback_from}}
        )
        GROUP BY service
    )
    ARRAY JOIN events AS event, arrayCumSum(arrayMap(e -> toUInt32(tupleElement(e, 2) = 0), events)) AS deployments_before
    WHERE tupleElement(event, 2) = 1
)
ANY INNER JOIN ({{> deployment_ordinals}}) USING (service, ordinal)
WHERE candidate_finished_at < resolved_or_never;
