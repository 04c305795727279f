-- The services whose production deployments (in the caller's environment) list the commits they
-- shipped: their changes are attributed by commit, every other service's by time.
SELECT service
FROM ({{> production_deployments}})
WHERE {{> environment_filter}}
GROUP BY service
HAVING max(length(commits) > 0) = 1
