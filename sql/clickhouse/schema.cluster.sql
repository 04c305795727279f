-- Generated from the migrations; do not edit. Refresh: see docs/development.md.

CREATE TABLE deployment_firsts (
    service String,
    environment String,
    production_mark UInt8,
    first_success AggregateFunction(min, UInt32)
) ENGINE = Distributed(insights, {database}, deployment_firsts_local, cityHash64(service));

CREATE TABLE deployment_firsts_local (
    service String,
    environment String,
    production_mark UInt8,
    first_success AggregateFunction(min, UInt32)
) ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/insights/tables/{shard}/{database}/deployment_firsts_local', '{replica}')
ORDER BY (service, environment, production_mark)
SETTINGS index_granularity = 8192;

CREATE MATERIALIZED VIEW deployment_firsts_mv TO deployment_firsts_local (
    service String,
    environment String,
    production_mark UInt8,
    first_success AggregateFunction(min, UInt32)) AS SELECT service, environment, ifNull(production, 2) AS production_mark, minState(toUInt32(assumeNotNull(finished_at))) AS first_success FROM deployments_local  WHERE (status = 'success') AND isNotNull(finished_at) GROUP BY service, environment, production_mark;

CREATE TABLE deployments (
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
) ENGINE = Distributed(insights, {database}, deployments_local, cityHash64(service));

CREATE TABLE deployments_local (
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
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/insights/tables/{shard}/{database}/deployments_local', '{replica}', _version)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (service, occurred_at, source, id)
SETTINGS index_granularity = 8192;

CREATE TABLE engineers (
    source String,
    id String,
    start_date Date,
    team String,
    github_login String,
    jira_account_id String,
    name String,
    received_at DateTime('UTC'),
    _version UInt64
) ENGINE = Distributed(insights, {database}, engineers_local, cityHash64(id));

CREATE TABLE engineers_local (
    source String,
    id String,
    start_date Date,
    team String,
    github_login String,
    jira_account_id String,
    name String,
    received_at DateTime('UTC'),
    _version UInt64
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/insights/tables/{shard}/{database}/engineers_local', '{replica}', _version)
PARTITION BY toYYYYMM(start_date)
ORDER BY id
SETTINGS index_granularity = 8192;

CREATE TABLE incidents (
    source String,
    id String,
    service String,
    title String,
    started_at DateTime('UTC'),
    resolved_at Nullable(DateTime('UTC')),
    acknowledged_at Nullable(DateTime('UTC')),
    severity String,
    deployment_id String,
    change_related UInt8,
    number Nullable(UInt64),
    url String,
    teams Array(String),
    received_at DateTime('UTC'),
    _version UInt64
) ENGINE = Distributed(insights, {database}, incidents_local, cityHash64(service));

CREATE TABLE incidents_local (
    source String,
    id String,
    service String,
    title String,
    started_at DateTime('UTC'),
    resolved_at Nullable(DateTime('UTC')),
    acknowledged_at Nullable(DateTime('UTC')),
    severity String,
    deployment_id String,
    change_related UInt8,
    number Nullable(UInt64),
    url String,
    teams Array(String),
    received_at DateTime('UTC'),
    _version UInt64
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/insights/tables/{shard}/{database}/incidents_local', '{replica}', _version)
PARTITION BY toYYYYMM(started_at)
ORDER BY (service, started_at, source, id)
SETTINGS index_granularity = 8192;

CREATE TABLE nps_responses (
    source String,
    campaign String,
    respondent String,
    team String,
    score UInt8,
    comment String,
    answered_at DateTime('UTC'),
    audience_size UInt32,
    team_audience_size UInt32,
    anonymity_threshold UInt16,
    received_at DateTime('UTC'),
    _version UInt64
) ENGINE = Distributed(insights, {database}, nps_responses_local, cityHash64(campaign, respondent));

CREATE TABLE nps_responses_local (
    source String,
    campaign String,
    respondent String,
    team String,
    score UInt8,
    comment String,
    answered_at DateTime('UTC'),
    audience_size UInt32,
    team_audience_size UInt32,
    anonymity_threshold UInt16,
    received_at DateTime('UTC'),
    _version UInt64
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/insights/tables/{shard}/{database}/nps_responses_local', '{replica}', _version)
PARTITION BY toYYYYMM(answered_at)
ORDER BY (campaign, respondent, answered_at)
SETTINGS index_granularity = 8192;

CREATE TABLE provisioning_requests (
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
) ENGINE = Distributed(insights, {database}, provisioning_requests_local, cityHash64(source, id));

CREATE TABLE provisioning_requests_local (
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
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/insights/tables/{shard}/{database}/provisioning_requests_local', '{replica}', _version)
PARTITION BY toYYYYMM(requested_at)
ORDER BY (team, requested_at, source, id)
SETTINGS index_granularity = 8192;

CREATE TABLE pull_requests (
    source String,
    id String,
    repository String,
    number UInt64,
    author String,
    author_type String DEFAULT '',
    created_at DateTime('UTC'),
    service String,
    title String,
    merged_at Nullable(DateTime('UTC')),
    merge_commit_sha String,
    first_commit_at Nullable(DateTime('UTC')),
    ready_for_review_at Nullable(DateTime('UTC')),
    first_review_at Nullable(DateTime('UTC')),
    base_ref String,
    additions Nullable(UInt64),
    deletions Nullable(UInt64),
    labels Array(String),
    received_at DateTime('UTC'),
    _version UInt64
) ENGINE = Distributed(insights, {database}, pull_requests_local, cityHash64(repository));

CREATE TABLE pull_requests_local (
    source String,
    id String,
    repository String,
    number UInt64,
    author String,
    author_type String DEFAULT '',
    created_at DateTime('UTC'),
    service String,
    title String,
    merged_at Nullable(DateTime('UTC')),
    merge_commit_sha String,
    first_commit_at Nullable(DateTime('UTC')),
    ready_for_review_at Nullable(DateTime('UTC')),
    first_review_at Nullable(DateTime('UTC')),
    base_ref String,
    additions Nullable(UInt64),
    deletions Nullable(UInt64),
    labels Array(String),
    received_at DateTime('UTC'),
    _version UInt64
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/insights/tables/{shard}/{database}/pull_requests_local', '{replica}', _version)
PARTITION BY toYYYYMM(created_at)
ORDER BY (repository, created_at, source, id)
SETTINGS index_granularity = 8192;

CREATE TABLE services (
    source String,
    name String,
    team String,
    repository String,
    golden_path_template String,
    lifecycle String,
    pagerduty_service_id String,
    jira_component String,
    production_environments Array(String),
    system String,
    domain String,
    received_at DateTime('UTC'),
    _version UInt64
) ENGINE = Distributed(insights, {database}, services_local, cityHash64(name));

CREATE TABLE services_local (
    source String,
    name String,
    team String,
    repository String,
    golden_path_template String,
    lifecycle String,
    pagerduty_service_id String,
    jira_component String,
    production_environments Array(String),
    system String,
    domain String,
    received_at DateTime('UTC'),
    _version UInt64
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/insights/tables/{shard}/{database}/services_local', '{replica}', _version)
ORDER BY name
SETTINGS index_granularity = 8192;

CREATE TABLE teams (
    source String,
    name String,
    display_name String,
    parent String,
    received_at DateTime('UTC'),
    _version UInt64
) ENGINE = Distributed(insights, {database}, teams_local, cityHash64(name));

CREATE TABLE teams_local (
    source String,
    name String,
    display_name String,
    parent String,
    received_at DateTime('UTC'),
    _version UInt64
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/insights/tables/{shard}/{database}/teams_local', '{replica}', _version)
ORDER BY name
SETTINGS index_granularity = 8192;
