-- Incidents from PagerDuty, Jira or the push API. started_at never changes for an incident.
CREATE TABLE IF NOT EXISTS incidents
(
    source String,
    id String,
    service String,
    title String,
    started_at DateTime('UTC'),
    resolved_at Nullable(DateTime('UTC')),
    severity String,
    deployment_id String,
    change_related UInt8,
    received_at DateTime('UTC'),
    _version UInt64
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(started_at)
ORDER BY (service, started_at, source, id);
