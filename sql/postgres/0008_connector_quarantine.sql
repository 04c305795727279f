-- Items a connector could not read or validate (a Jira issue without `created`, a PagerDuty incident
-- resolved before it started…). The sync goes on without them and its cursor moves; each is tried
-- again on later syncs and leaves the quarantine when the vendor's copy has become valid, or is gone.
-- raw is the vendor's item with secret-looking values redacted, cut to a bounded size.
CREATE TABLE IF NOT EXISTS connector_quarantine
(
    connector      text        NOT NULL,
    kind           text        NOT NULL,
    item_key       text        NOT NULL,
    field          text        NOT NULL,
    reason         text        NOT NULL,
    raw            text        NOT NULL,
    raw_truncated  boolean     NOT NULL,
    first_seen_at  timestamptz NOT NULL,
    last_seen_at   timestamptz NOT NULL,
    attempts       integer     NOT NULL,
    PRIMARY KEY (connector, kind, item_key)
);

CREATE INDEX IF NOT EXISTS connector_quarantine_newest ON connector_quarantine (connector, first_seen_at DESC);

-- What the status of a source shows beside its last run: the parts (a repository, a JQL query, a
-- PagerDuty service) whose own sync failed while the others went on, the warnings of its last run
-- (e.g. a Backstage component owned by a user in no group), and the progress of its current or last run.
ALTER TABLE connector_state ADD COLUMN IF NOT EXISTS failing_parts jsonb NOT NULL DEFAULT '[]';
ALTER TABLE connector_state ADD COLUMN IF NOT EXISTS warnings      jsonb NOT NULL DEFAULT '[]';
ALTER TABLE connector_state ADD COLUMN IF NOT EXISTS progress      jsonb;
