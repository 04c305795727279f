-- Provisioning time's rows: each infrastructure request within the filters (its team, else its
-- service's owning team) that became ready in [from, to) — counted, placed by ready_at, value the hours
-- from request to ready — and each one asked for before the range end that was not ready by then:
-- not_ready (pending, placed by its request; pending_hours is its age at the range end, or now if
-- earlier), or cancelled when its status is cancelled, canceled or rejected (listed when asked for in
-- the range).
SELECT
    'provisioning_request' AS kind,
    request_id AS id,
    request_source AS source,
    service,
    team,
    if(ready, assumeNotNull(ready_at), requested_at) AS at,
    ready AS counted,
    if(counted, toNullable(greatest(0, toInt64(assumeNotNull(ready_at)) - toInt64(requested_at)) / 3600), NULL) AS value,
    multiIf(counted, '', cancelled, 'cancelled', 'not_ready') AS reason,
    {{> group_team(team)}} AS group_team,
    toInt8(-1) AS group_golden,
    resource_type,
    channel,
    status,
    requested_at,
    ready_at,
    if(reason = 'not_ready', toNullable(greatest(0, toInt64(least({{to}}, {{now}})) - toInt64(requested_at)) / 3600), NULL) AS pending_hours
FROM
(
    SELECT *,
        ifNull(ready_at >= {{from}} AND ready_at < {{to}}, 0) AS ready,
        lower(status) IN ('cancelled', 'canceled', 'rejected') AS cancelled
    FROM
    (
        WITH ({{> team_map}}) AS team_map
        SELECT
            request_source, request_id, resource_type, channel, latest_requested_at AS requested_at, ready_at, status, service,
            if(request_team != '', request_team, transform(service, tupleElement(team_map, 1), tupleElement(team_map, 2), '')) AS team
        FROM
        (
            -- TRICKY: an alias equal to a column name would replace that column in WHERE.
            SELECT
                source AS request_source,
                id AS request_id,
                argMax(resource_type, _version) AS resource_type,
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
)
WHERE ready
    OR ((ready_at IS NULL OR ready_at >= {{to}}) AND (NOT cancelled OR requested_at >= {{from}}))
