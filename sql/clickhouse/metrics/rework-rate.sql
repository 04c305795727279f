-- Deployment rework rate (DORA 2024): production deployments finished in [from, to) that were
-- unplanned remediation — a hotfix, a rollback, or the first deployment of a service after one of
-- its incidents started and before it was resolved — as a percentage of them.
CREATE TEMPORARY TABLE window_deployments AS
{{> deployments_latest(@lookback_from, @to, emptyArrayString(), '', @scope)}};

SELECT
    bucket,
    count() AS n,
    countIf(rework) AS rework_deployments,
    if(n = 0, NULL, 100 * rework_deployments / n) AS value
FROM
(
    SELECT finished_at, hotfix = 1 OR rollback_of != '' OR has(remediations, id) AS rework
    FROM
    (
    SELECT id, finished_at, hotfix, rollback_of, remediations
    FROM
    (
        SELECT id, service, finished_at, hotfix, rollback_of
        FROM ({{> production_deployments}})
        WHERE finished_at >= {{from}} AND finished_at < {{to}} AND {{> deployment_filter}}
    )
    ANY LEFT JOIN
    (
        SELECT service, groupUniqArray(first_after) AS remediations
        FROM
        (
            SELECT
                service,
                started_at,
                resolved_or_never,
                tupleElement(arrayFirst(d -> tupleElement(d, 1) > started_at AND tupleElement(d, 1) < resolved_or_never, deployments_asc), 2) AS first_after
            FROM
            (
                -- TRICKY: in 18.16 a lambda cannot see columns of a JOIN made at its own level.
                SELECT service, started_at, resolved_or_never, deployments_asc
                FROM
                (
                    SELECT service, started_at, ifNull(resolved_at, {{far_future}}) AS resolved_or_never
                    FROM ({{> incidents_latest}})
                )
                ANY INNER JOIN
                (
                    SELECT service, arraySort(groupArray((finished_at, id))) AS deployments_asc
                    FROM ({{> production_deployments}})
                    GROUP BY service
                ) USING service
            )
        )
        -- TRICKY: 18.16 drops columns that only a lambda uses when the outer query does not need them;
        -- naming them here keeps them (neither is ever 0).
        WHERE first_after != '' AND toUInt32(started_at) > 0 AND toUInt32(resolved_or_never) > 0
        GROUP BY service
    ) USING service
    )
)
ARRAY JOIN ['summary', toString({{period}}(finished_at))] AS bucket
GROUP BY bucket
