-- The weekly report archive: the PDF itself and what it covers. One report per ISO week and scope
-- (the organisation, or one team); generating it again replaces it.
CREATE TABLE IF NOT EXISTS reports
(
    id            uuid PRIMARY KEY,
    week_start    date        NOT NULL,               -- Monday of the ISO week (UTC dates)
    iso_week      text        NOT NULL,               -- 2026-W13
    scope         text        NOT NULL CHECK (scope IN ('organisation', 'team')),
    team          text        NOT NULL DEFAULT '',    -- '' for the organisation
    benchmark     text        NOT NULL,
    trigger       text        NOT NULL CHECK (trigger IN ('schedule', 'api')),
    generated_at  timestamptz NOT NULL,
    pages         integer     NOT NULL,
    size_bytes    integer     NOT NULL,
    sha256        text        NOT NULL,
    pdf           bytea       NOT NULL,
    UNIQUE (week_start, scope, team),
    CHECK ((scope = 'organisation') = (team = ''))
);

CREATE INDEX IF NOT EXISTS reports_generated_at ON reports (generated_at DESC);

-- E-mail delivery as an outbox: a row per report and recipient list, sent at least once. A failed
-- send stays 'pending' with its error and the time of the next attempt; after the last attempt it
-- is 'failed' (and stays listed) — never dropped. 'sending' rows whose claim expired are taken again.
CREATE TABLE IF NOT EXISTS report_deliveries
(
    id               uuid PRIMARY KEY,
    report_id        uuid        NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    recipients       text[]      NOT NULL,
    status           text        NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    claimed_until    timestamptz,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz
);

CREATE INDEX IF NOT EXISTS report_deliveries_due ON report_deliveries (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX IF NOT EXISTS report_deliveries_report ON report_deliveries (report_id);
