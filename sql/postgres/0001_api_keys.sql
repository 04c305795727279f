-- API keys. Only a SHA-256 hash of each key is kept: keys are 256-bit random, so a fast hash is
-- enough, and a leaked table does not leak usable keys.
CREATE TABLE IF NOT EXISTS api_keys
(
    id          uuid PRIMARY KEY,
    name        text        NOT NULL,
    key_hash    bytea       NOT NULL UNIQUE,
    key_prefix  text        NOT NULL,
    scopes      text[]      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
