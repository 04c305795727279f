-- Secrets the server generates for itself, shared by every instance on this database (so that what one
-- signs, another accepts) and kept across restarts: one random key per purpose, created by the first
-- instance that needs it. 'items_cursor' signs the cursors of GET /api/v1/metrics/{metric}/items.
CREATE TABLE IF NOT EXISTS server_secrets (
    name text PRIMARY KEY,
    secret bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
