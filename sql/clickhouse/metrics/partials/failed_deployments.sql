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
                   if(change_related = 1,
                      tupleElement(arrayFirst(d -> tupleElement(d, 1) <= started_at AND tupleElement(d, 1) + {{window}} >= started_at, deployments_desc), 2),
                      '')) AS cause
            FROM
            (
                -- TRICKY: in 18.16 a lambda cannot see columns of a JOIN made at its own level.
                SELECT service, started_at, resolved_at, deployment_id, change_related, deployments_desc
                FROM
                (
                    SELECT service, started_at, resolved_at, deployment_id, change_related
                    FROM ({{> incidents_latest}})
                )
                ANY LEFT JOIN
                (
                    SELECT service, arrayReverseSort(groupArray((finished_at, id))) AS deployments_desc
                    FROM ({{> production_deployments}})
                    GROUP BY service
                ) USING service
            )
        )
        -- TRICKY: 18.16 drops columns that only a lambda uses when the outer query does not need them;
        -- naming started_at here keeps it (it is never 0).
        WHERE cause != '' AND toUInt32(started_at) > 0
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
