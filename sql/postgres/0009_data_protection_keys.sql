-- The web app's data-protection key ring (cookies, antiforgery tokens): kept here so that sessions
-- survive a restart and every instance reads the same keys (src/Insights.Server/Web/Auth/PostgresXmlRepository.cs).
-- One row per key, as the key ring's XML element; keys are never updated, only added (and expire by date).
CREATE TABLE IF NOT EXISTS data_protection_keys (
    name text PRIMARY KEY,
    xml text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
