-- Every deployment of window_deployments (the temporary table the metric built from
-- deployments_latest) placed in [from, to) — by its finish, or by its start while it has none —
-- within the caller's filters, and why it is not a deployment that counts (docs/metrics.md,
-- "Deployment"): exclusion is '' for a successful production deployment with a finish, else
-- not_production, not_finished or not_successful (the first that applies, in that order: an attempt
-- still running is not finished, whatever its status says).
SELECT
    id, source, service, team, environment, status, pipeline, is_golden, golden_flag, rollback_of, hotfix,
    ifNull(finished_at, occurred_at) AS at,
    multiIf(is_production = 0, 'not_production', finished_at IS NULL, 'not_finished', status != 'success', 'not_successful', '') AS exclusion,
    {{> production_rule(service)}} AS production_rule
FROM window_deployments
WHERE at >= {{from}} AND at < {{to}} AND {{> deployment_filter}}
