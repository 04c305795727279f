-- Pull requests; id is "repository#number". service may be empty: the catalog then maps the
-- repository to its service at query time, so a catalog that arrives later still applies.
CREATE TABLE IF NOT EXISTS pull_requests
(
    source String,
    id String,
    repository String,
    number UInt64,
    author String,
    created_at DateTime('UTC'),
    service String,
    title String,
    merged_at Nullable(DateTime('UTC')),
    merge_commit_sha String,
    first_commit_at Nullable(DateTime('UTC')),
    base_ref String,
    additions Nullable(UInt64),
    deletions Nullable(UInt64),
    received_at DateTime('UTC'),
    _version UInt64
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(created_at)
ORDER BY (repository, created_at, source, id);
