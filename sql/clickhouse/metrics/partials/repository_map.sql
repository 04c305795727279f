-- repository → its catalog service, as aligned arrays for transform(). When several services share a
-- repository (a monorepo), the first by name: any() would pick by read order, so a pull request's
-- service and team would change between two runs of the same question.
-- TRICKY: transform() refuses empty arrays, so the maps start with '' → ''.
SELECT (arrayConcat([''], groupArray(repository)), arrayConcat([''], groupArray(service)))
FROM
(
    SELECT catalog_repository AS repository, min(catalog_name) AS service
    FROM ({{> services_latest}})
    WHERE catalog_repository != ''
    GROUP BY catalog_repository
)
