-- Engineers and their start dates (HR). Keyed by id (e-mail or HR id) whatever the source.
CREATE TABLE IF NOT EXISTS engineers
(
    source String,
    id String,
    start_date Date,
    team String,
    github_login String,
    jira_account_id String,
    name String,
    received_at DateTime('UTC'),
    _version UInt64
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(start_date)
ORDER BY (id);
