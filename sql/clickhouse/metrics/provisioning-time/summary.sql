-- Provisioning time: the counted rows (rows.sql) — requests that became ready in [from, to), placed by
-- ready_at — n, the median (value), p50, p75, p90 of the hours from request to ready, and the same per
-- channel (self_service vs ticket). pending: the not_ready rows (asked for before the range end and not
-- ready by then, cancelled or rejected requests excluded), with the oldest one's age at the range end
-- (or now, if earlier).
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
        arraySort(groupArrayIf(assumeNotNull(value), counted)) AS hours,
        arraySort(groupArrayIf(assumeNotNull(value), counted AND channel = 'self_service')) AS self_service,
        arraySort(groupArrayIf(assumeNotNull(value), counted AND channel = 'ticket')) AS ticket,
        countIf(reason = 'not_ready') AS pending,
        max(ifNull(pending_hours, 0)) AS oldest_pending_hours
    FROM ({{> rows}})
    ARRAY JOIN if(counted, ['summary', toString({{period}}(at))], ['summary']) AS bucket
    WHERE reason != 'cancelled'
    GROUP BY group_team, bucket
)
