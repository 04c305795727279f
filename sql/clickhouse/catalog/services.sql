-- The catalog: the latest copy of each service.
SELECT
    name,
    argMax(team, _version) AS team,
    argMax(source, _version) AS source,
    argMax(repository, _version) AS repository,
    argMax(golden_path_template, _version) AS golden_path_template,
    argMax(lifecycle, _version) AS lifecycle,
    argMax(pagerduty_service_id, _version) AS pagerduty_service_id,
    argMax(jira_component, _version) AS jira_component,
    argMax(production_environments, _version) AS production_environments,
    argMax(system, _version) AS system,
    argMax(domain, _version) AS domain
FROM services
GROUP BY name
ORDER BY name
