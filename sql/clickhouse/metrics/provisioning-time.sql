-- Provisioning time: for each infrastructure request that became ready in [from, to) (placed by
-- ready_at), hours from request to ready; split by channel (self_service vs ticket). Pending: asked
-- for before `to` and not ready by then (cancelled or rejected requests excluded), with the age of
-- the oldest at the end of the range (or now, if earlier). The team filter is the request's team,
-- else its service's owning team.
SELECT
    bucket,
    group_team,
    length(hours) AS n,
    {{> distribution(hours)}},
    length(self_service) AS breakdown_self_service_n,
    {{> r7(self_service, 0.5)}} AS breakdown_self_service_p50_hours,
    {{> r7(self_service, 0.9)}} AS breakdown_self_service_p90_hours,
    length(ticket) AS breakdown_ticket_n,
    {{> r7(ticket, 0.5)}} AS breakdown_ticket_p50_hours,
    {{> r7(ticket, 0.9)}} AS breakdown_ticket_p90_hours,
    pending,
    if(pending = 0, NULL, oldest_pending_hours) AS oldest_pending_hours
FROM
(
    SELECT
        group_team,
        bucket,
        arraySort(groupArrayIf(ready_hours, ready)) AS hours,
        arraySort(groupArrayIf(ready_hours, ready AND channel = 'self_service')) AS self_service,
        arraySort(groupArrayIf(ready_hours, ready AND channel = 'ticket')) AS ticket,
        countIf(NOT ready) AS pending,
        max(if(ready, 0, pending_hours)) AS oldest_pending_hours
    FROM
    (
        SELECT
            {{> group_team(team)}} AS group_team,
            channel,
            ifNull(ready_at >= {{from}} AND ready_at < {{to}}, 0) AS ready,
            greatest(0, toInt64(ifNull(ready_at, requested_at)) - toInt64(requested_at)) / 3600 AS ready_hours,
            greatest(0, toInt64(least({{to}}, {{now}})) - toInt64(requested_at)) / 3600 AS pending_hours,
            ifNull(ready_at, requested_at) AS placed_at
        FROM
        (
            WITH ({{> team_map}}) AS team_map
            SELECT
                channel, latest_requested_at AS requested_at, ready_at, status, service,
                if(request_team != '', request_team, transform(service, tupleElement(team_map, 1), tupleElement(team_map, 2), '')) AS team
            FROM
            (
                -- TRICKY: an alias equal to a column name would replace that column in WHERE.
                SELECT
                    argMax(channel, _version) AS channel,
                    argMax(requested_at, _version) AS latest_requested_at,
                    argMax(ready_at, _version) AS ready_at,
                    argMax(status, _version) AS status,
                    argMax(team, _version) AS request_team,
                    argMax(service, _version) AS service
                FROM provisioning_requests
                WHERE requested_at < {{to}}
                GROUP BY source, id
            )
        )
        WHERE {{> ownership_filter}}
            AND ((ready_at >= {{from}} AND ready_at < {{to}})
                 OR ((ready_at IS NULL OR ready_at >= {{to}}) AND lower(status) NOT IN ('cancelled', 'canceled', 'rejected')))
    )
    ARRAY JOIN if(ready, ['summary', toString({{period}}(placed_at))], ['summary']) AS bucket
    GROUP BY group_team, bucket
)
