-- Every production deployment of window_deployments (the temporary table the metric built), and
-- whether and how it failed:
--   (a) an incident names it (deployment_id);
--   (b) a change-related incident of its service without a named cause started within the
--       attribution window after it finished, and it is the latest such deployment;
--   (c) a later deployment of its service rolled it back (rollback_of; a service cannot roll back
--       another's deployment, and this keeps every join within one service — see deployments_latest).
-- (a) and (b): partials/incident_causes.sql. failure: 'incident' when incidents are linked to it, else
-- 'rollback' when it was rolled back, else ''; incidents / rolled_back_by: their ids.
-- failure_start / recovered_at: with linked incidents, from the earliest start to the last
-- resolution (NULL while any is open); else, for a rollback, from its finish to the first
-- successful rollback.
SELECT
    id, source, service, team, environment, is_golden, finished_at, rollback_of, hotfix,
    incident_count > 0 OR rollback_count > 0 AS failed,
    multiIf(incident_count > 0, 'incident', rollback_count > 0, 'rollback', '') AS failure,
    incidents,
    rolled_back_by,
    multiIf(incident_count > 0, toNullable(incident_start), rollback_count > 0, toNullable(finished_at), NULL) AS failure_start,
    multiIf(incident_count > 0, if(open_incidents > 0, NULL, toNullable(incident_end)),
            successful_rollbacks > 0, toNullable(first_rollback_at), NULL) AS recovered_at
FROM
(
    SELECT *
    FROM
    (
        SELECT id, source, service, team, environment, is_golden, finished_at, rollback_of, hotfix
        FROM ({{> production_deployments}})
    )
    ANY LEFT JOIN
    (
        SELECT
            cause AS id,
            count() AS incident_count,
            min(started_at) AS incident_start,
            max(ifNull(resolved_at, started_at)) AS incident_end,
            countIf(resolved_at IS NULL) AS open_incidents,
            arraySort(groupArray(incident_id)) AS incidents
        FROM ({{> incident_causes}})
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
        countIf(rollback_status = 'success' AND rollback_finished_at IS NOT NULL) AS successful_rollbacks,
        minIf(assumeNotNull(rollback_finished_at), rollback_status = 'success' AND rollback_finished_at IS NOT NULL) AS first_rollback_at,
        arraySort(groupArray(rollback_id)) AS rolled_back_by
    FROM
    (
        -- TRICKY: renamed first, since `rollback_of AS id` above would replace id in groupArray(id).
        SELECT service, rollback_of, id AS rollback_id, status AS rollback_status, finished_at AS rollback_finished_at
        FROM window_deployments
        WHERE rollback_of != ''
    )
    GROUP BY service, rollback_of
) USING (service, id)
