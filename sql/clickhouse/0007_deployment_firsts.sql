-- Each service's first successful deployment per environment, kept up to date on insert, so that
-- lead time's cold-start rule ("the service's first known production deployment") does not scan
-- all history. Which environments are production is decided at query time (configuration), so
-- the minimum is kept per environment and per source-given production mark (0, 1, 2 = not given).
CREATE TABLE IF NOT EXISTS deployment_firsts
(
    service String,
    environment String,
    production_mark UInt8,
    first_success AggregateFunction(min, UInt32)
)
ENGINE = AggregatingMergeTree
ORDER BY (service, environment, production_mark);

CREATE MATERIALIZED VIEW IF NOT EXISTS deployment_firsts_mv TO deployment_firsts AS
SELECT
    service,
    environment,
    ifNull(production, 2) AS production_mark,
    minState(toUInt32(assumeNotNull(finished_at))) AS first_success
FROM deployments
WHERE status = 'success' AND finished_at IS NOT NULL
GROUP BY service, environment, production_mark;

-- Rows stored before this migration (the minimum is idempotent, so a repeat would be harmless).
INSERT INTO deployment_firsts
SELECT
    service,
    environment,
    ifNull(production, 2) AS production_mark,
    minState(toUInt32(assumeNotNull(finished_at))) AS first_success
FROM deployments
WHERE status = 'success' AND finished_at IS NOT NULL
GROUP BY service, environment, production_mark;
