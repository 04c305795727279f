-- service → its own production environments as text ('prod-eu, prod-us'), for the services whose
-- catalog entry names some: aligned arrays for transform().
-- TRICKY: transform() refuses empty arrays, so the maps start with '' → ''.
SELECT (arrayConcat([''], groupArray(catalog_name)), arrayConcat([''], groupArray(arrayStringConcat(catalog_environments, ', '))))
FROM ({{> services_latest}})
WHERE length(catalog_environments) > 0
