-- Deployment rework rate (DORA 2024): production deployments finished in [from, to) that were
-- unplanned remediation — a hotfix, a rollback, or the first deployment of a service after one of
-- its incidents started and before it was resolved — as a percentage of them.
CREATE TEMPORARY TABLE window_deployments AS
{{> deployments_latest(@lookback_from, @to, emptyArrayString(), '', @scope)}};

-- Remediations: for each incident, the first deployment of its service that finished after the
-- incident started and before it was resolved. A service's deployments and incidents in one stream
-- sorted by time (a deployment before an incident of the same second): an incident that d deployments
-- precede is followed by the service's deployment number d + 1. Arrays unrolled together, never
-- indexed: linear in a busy service's deployments.
CREATE TEMPORARY TABLE remediations AS
SELECT service, candidate_id AS id
FROM
(
    SELECT service, tupleElement(event, 3) AS resolved_or_never, toUInt64(deployments_before + 1) AS ordinal
    FROM
    (
        SELECT service, arraySort(groupArray((at, is_incident, event_resolved_or_never))) AS events
        FROM
        (
            SELECT service, toUInt32(finished_at) AS at, toUInt8(0) AS is_incident, {{far_future}} AS event_resolved_or_never
            FROM ({{> production_deployments}})
            UNION ALL
            SELECT service, toUInt32(started_at) AS at, toUInt8(1) AS is_incident, ifNull(resolved_at, {{far_future}}) AS event_resolved_or_never
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

SELECT
    bucket,
    group_team,
    count() AS n,
    countIf(rework) AS rework_deployments,
    if(n = 0, NULL, 100 * rework_deployments / n) AS value
FROM
(
    SELECT finished_at, {{> group_team(team)}} AS group_team, hotfix = 1 OR rollback_of != '' OR (service, id) IN (SELECT service, id FROM remediations) AS rework
    FROM ({{> production_deployments}})
    WHERE finished_at >= {{from}} AND finished_at < {{to}} AND {{> deployment_filter}}
)
ARRAY JOIN ['summary', toString({{period}}(finished_at))] AS bucket
GROUP BY group_team, bucket
