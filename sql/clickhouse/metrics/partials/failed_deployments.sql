-- Every production deployment of window_deployments (the temporary table the metric built), and
-- whether and how it failed:
--   (a) an incident names it (deployment_id);
--   (b) a change-related incident of its service without a named cause started within the
--       attribution window after it finished, and it is the latest such deployment;
--   (c) a later deployment of its service rolled it back (rollback_of; a service cannot roll back
--       another's deployment, and this keeps every join within one service — see deployments_latest).
-- failure_start / recovered_at: with linked incidents, from the earliest start to the last
-- resolution (NULL while any is open); else, for a rollback, from its finish to the first
-- successful rollback.
SELECT
    id, service, team, environment, is_golden, finished_at, rollback_of, hotfix,
    incident_count > 0 OR rollback_count > 0 AS failed,
    multiIf(incident_count > 0, toNullable(incident_start), rollback_count > 0, toNullable(finished_at), NULL) AS failure_start,
    multiIf(incident_count > 0, if(open_incidents > 0, NULL, toNullable(incident_end)),
            successful_rollbacks > 0, toNullable(first_rollback_at), NULL) AS recovered_at
FROM
(
    SELECT *
    FROM
    (
        SELECT id, service, team, environment, is_golden, finished_at, rollback_of, hotfix
        FROM ({{> production_deployments}})
    )
    ANY LEFT JOIN
    (
        SELECT
            cause AS id,
            count() AS incident_count,
            min(started_at) AS incident_start,
            max(ifNull(resolved_at, started_at)) AS incident_end,
            countIf(resolved_at IS NULL) AS open_incidents
        FROM
        (
            -- The incident's cause: the deployment it names, else (when change-related) the latest
            -- production deployment of its service that finished within the window before it started.
            SELECT
                started_at,
                resolved_at,
                if(deployment_id != '', deployment_id,
                   if(change_related = 1 AND toUInt32(candidate_finished_at) > 0 AND candidate_finished_at + {{window}} >= started_at,
                      candidate_id, '')) AS cause
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
        )
        WHERE cause != ''
        GROUP BY cause
    ) USING id
)
ANY LEFT JOIN
(
    SELECT
        service,
        rollback_of AS id,
        count() AS rollback_count,
        countIf(status = 'success' AND finished_at IS NOT NULL) AS successful_rollbacks,
        minIf(assumeNotNull(finished_at), status = 'success' AND finished_at IS NOT NULL) AS first_rollback_at
    FROM window_deployments
    WHERE rollback_of != ''
    GROUP BY service, rollback_of
) USING (service, id)
