-- Deployments that count: successful, in production, finished — read from the temporary table
-- window_deployments that the metric built first from deployments_latest.
SELECT id, source, service, team, environment, assumeNotNull(finished_at) AS finished_at, commit_sha, commits, is_golden, rollback_of, hotfix
FROM window_deployments
WHERE status = 'success' AND is_production = 1 AND finished_at IS NOT NULL
