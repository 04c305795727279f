-- Deployments as events on a timeline (Grafana annotations): the latest copy of each deployment
-- that finished in [from, to), with its team, newest first. {{from}}/{{to}} are exact times here.
-- Filters: team, service, environment, golden path; production_only = 1 keeps production ones.
SELECT id, service, team, environment, status, assumeNotNull(finished_at) AS finished_time, pipeline, is_golden, is_production
FROM ({{> deployments_latest(@range_scan_from, @to, emptyArrayString(), '', @scope)}})
WHERE finished_at IS NOT NULL AND finished_at >= {{from}} AND finished_at < {{to}}
    AND {{> deployment_filter}}
    AND ({{production_only}} = 0 OR is_production = 1)
ORDER BY finished_time DESC, id
LIMIT {{limit}}
