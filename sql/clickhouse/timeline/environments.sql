-- The deployment environments seen, lower-cased (the environment filter ignores case).
SELECT DISTINCT lower(environment) AS name
FROM deployments
WHERE environment != ''
ORDER BY name
