-- Each production deployment of window_deployments numbered within its service in order of finish
-- (ties by id), for the sorted-stream lookups of incidents ("the service's deployment number d").
SELECT service, ordinal, tupleElement(entry, 1) AS candidate_finished_at, tupleElement(entry, 2) AS candidate_id
FROM
(
    SELECT service, arraySort(groupArray((finished_at, id))) AS timeline
    FROM ({{> production_deployments}})
    GROUP BY service
)
ARRAY JOIN timeline AS entry, arrayMap(k -> toUInt64(k), arrayEnumerate(timeline)) AS ordinal
