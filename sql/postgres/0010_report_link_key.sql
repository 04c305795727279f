-- The key that signs report download links (docs/reports.md "Links"): one row, shared by every instance
-- so that a link signed by one opens on any other. Rotating it (POST /api/v1/reports/link-key/rotate)
-- replaces the secret, which revokes every link signed before.
CREATE TABLE IF NOT EXISTS report_link_key
(
    id         smallint    PRIMARY KEY CHECK (id = 1),
    secret     bytea       NOT NULL,
    rotated_at timestamptz NOT NULL DEFAULT now()
);
