-- Several servers (docs/operations.md, "Scaling"): each gives ingestion versions from its own clock, so a
-- delivery applied later by a server whose clock runs behind could get a lower version than the one it
-- replaces, and lose to it in ClickHouse. The gate keeps, per object, a version above everything the last
-- applied delivery wrote; the next delivery, on whichever server, writes above it
-- (ingest/Insights.Ingest/Connectors/WebhookOrderGate.cs).
ALTER TABLE webhook_order ADD COLUMN IF NOT EXISTS version_floor bigint NOT NULL DEFAULT 0;
