-- Each connector's incremental cursor (its own JSON) and the outcome of its runs. The cursor moves
-- only when a run succeeds, so a failed run is simply repeated from the same place.
CREATE TABLE IF NOT EXISTS connector_state
(
    name                  text PRIMARY KEY,
    kind                  text        NOT NULL,
    cursor                text,
    last_started_at       timestamptz,
    last_finished_at      timestamptz,
    last_success_at       timestamptz,
    last_rows             integer,
    total_rows            bigint      NOT NULL DEFAULT 0,
    last_error            text,
    consecutive_failures  integer     NOT NULL DEFAULT 0
);
