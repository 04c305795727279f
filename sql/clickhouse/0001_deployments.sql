-- Deployments as CI/CD systems report them: every attempt, in every environment, in every state.
-- Keyed by (source, id); a re-sent deployment replaces the earlier copy (highest _version wins).
-- occurred_at is the deployment's start (else its finish, else its receipt) and places the row in
-- a monthly partition; metric queries deduplicate by (source, id) with argMax, so they stay exact
-- even when a source sends an in-progress copy without start time and a final copy later.
CREATE TABLE IF NOT EXISTS deployments
(
    source String,
    id String,
    service String,
    environment String,
    status String,
    started_at Nullable(DateTime('UTC')),
    finished_at Nullable(DateTime('UTC')),
    commit_sha String,
    commits Array(String),
    repository String,
    pipeline String,
    golden_path UInt8,
    production Nullable(UInt8),
    rollback_of String,
    hotfix UInt8,
    triggered_by String,
    occurred_at DateTime('UTC'),
    received_at DateTime('UTC'),
    _version UInt64
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (service, occurred_at, source, id);
