-- Deployments that count: successful, in production, finished. Started in [$1, $2).
SELECT id, service, team, environment, assumeNotNull(finished_at) AS finished_at, commit_sha, commits, is_golden, rollback_of, hotfix
FROM ({{> deployments_latest($1, $2)}})
WHERE status = 'success' AND is_production = 1 AND finished_at IS NOT NULL
