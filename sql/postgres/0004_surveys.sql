-- NPS survey campaigns (docs/surveys.md). The answers themselves live in ClickHouse (nps_responses).
CREATE TABLE IF NOT EXISTS survey_campaigns
(
    id                  uuid PRIMARY KEY,
    name                text             NOT NULL UNIQUE,
    question            text             NOT NULL,
    comment_prompt      text             NOT NULL,
    -- [{"team": "payments", "size": 40}, ...]; empty = the whole organisation. size null = unknown.
    audience            jsonb            NOT NULL DEFAULT '[]'::jsonb,
    audience_size       integer          CHECK (audience_size > 0),
    starts_at           timestamptz      NOT NULL,
    ends_at             timestamptz,
    sampling_ratio      double precision NOT NULL DEFAULT 1 CHECK (sampling_ratio > 0 AND sampling_ratio <= 1),
    reask_days          integer          NOT NULL DEFAULT 90 CHECK (reask_days >= 0),
    anonymity_threshold integer          NOT NULL DEFAULT 5,
    created_at          timestamptz      NOT NULL DEFAULT now(),
    closed_at           timestamptz,
    CHECK (ends_at IS NULL OR ends_at > starts_at)
);

-- The generated survey secret, when no environment variable provides one: one row, shared by every instance.
CREATE TABLE IF NOT EXISTS survey_secret
(
    id         smallint    PRIMARY KEY CHECK (id = 1),
    secret     bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- CSV exports already imported by the recurring job, by content hash: an unchanged file is not read again.
CREATE TABLE IF NOT EXISTS survey_imports
(
    sha256      text        PRIMARY KEY,
    file_name   text        NOT NULL,
    answers     integer     NOT NULL,
    rejected    integer     NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now()
);
