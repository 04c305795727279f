-- The incidents that started in [from, to), within the team and service filters, that made no
-- deployment of window_deployments fail (partials/incident_causes.sql), with why (reason):
-- not_change_related, no_deployment_before, outside_attribution_window, or unknown_deployment (it
-- names an id that is no production deployment of the window). Change failure rate and recovery time
-- list them as items that do not count; an incident has no environment or golden path, so none is
-- listed under those filters.
SELECT
    incident_id, incident_source, service, team, started_at, resolved_at, deployment_id, change_related,
    latest_deployment_id, latest_deployment_at,
    if(attribution = 'named', 'unknown_deployment', exclusion) AS reason,
    if(latest_deployment_at IS NULL, NULL, toNullable((toInt64(started_at) - toInt64(assumeNotNull(latest_deployment_at))) / 3600)) AS hours_after_deployment
FROM ({{> incident_causes}})
WHERE started_at >= {{from}} AND started_at < {{to}} AND {{> ownership_filter}}
    AND {{environment}} = '' AND {{golden}} = -1
    AND (exclusion != '' OR (attribution = 'named' AND deployment_id NOT IN (SELECT id FROM ({{> production_deployments}}))))
