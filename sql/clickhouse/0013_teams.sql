-- Teams of the catalog (Backstage groups, or pushed): the name people know them by and the team they
-- belong to. Small, so one partition; keyed by name like services.team, whose names it describes.
CREATE TABLE IF NOT EXISTS teams
(
    source String,
    name String,
    display_name String,
    parent String,
    received_at DateTime('UTC'),
    _version UInt64
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY (name);
