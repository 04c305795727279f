-- The catalog: the latest copy of each service.
SELECT
    name AS catalog_name,
    argMax(team, _version) AS catalog_team,
    argMax(repository, _version) AS catalog_repository,
    argMax(golden_path_template, _version) AS catalog_template,
    arrayMap(e -> lower(e), argMax(production_environments, _version)) AS catalog_environments
FROM services
GROUP BY name
