-- Webhook deliveries arrive in any order and are retried. For each object a webhook updates (a GitHub
-- deployment, a PagerDuty incident), the position of the delivery its stored state came from: a later
-- delivery replaces that state only when its (rank, occurred_at, sequence) is not lower
-- (ingest/Insights.Ingest/Connectors/WebhookOrderGate.cs). One small row per object.
CREATE TABLE IF NOT EXISTS webhook_order (
    stream text NOT NULL,
    object_id text NOT NULL,
    rank smallint NOT NULL,
    occurred_at timestamptz NOT NULL,
    sequence bigint NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (stream, object_id)
);
