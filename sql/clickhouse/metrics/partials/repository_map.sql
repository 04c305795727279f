-- repository → its catalog service (one, if several share a repository), as aligned arrays for transform().
-- TRICKY: transform() refuses empty arrays, so the maps start with '' → ''.
SELECT (arrayConcat([''], groupArray(repository)), arrayConcat([''], groupArray(service)))
FROM
(
    SELECT catalog_repository AS repository, any(catalog_name) AS service
    FROM ({{> services_latest}})
    WHERE catalog_repository != ''
    GROUP BY catalog_repository
)
