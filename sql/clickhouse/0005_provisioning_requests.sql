-- Infrastructure requests: through the platform's self-service or through a ticket queue.
CREATE TABLE IF NOT EXISTS provisioning_requests
(
    source String,
    id String,
    resource_type String,
    requested_at DateTime('UTC'),
    channel String,
    team String,
    service String,
    ready_at Nullable(DateTime('UTC')),
    status String,
    received_at DateTime('UTC'),
    _version UInt64
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(requested_at)
ORDER BY (team, requested_at, source, id);
