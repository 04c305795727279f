-- The service catalog (Backstage or the push API): which team owns a service, where its code
-- lives, which golden-path template created it. Small, so one partition; keyed by name.
CREATE TABLE IF NOT EXISTS services
(
    source String,
    name String,
    team String,
    repository String,
    golden_path_template String,
    lifecycle String,
    pagerduty_service_id String,
    jira_component String,
    production_environments Array(String),
    received_at DateTime('UTC'),
    _version UInt64
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY (name);
