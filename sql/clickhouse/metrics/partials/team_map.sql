-- service → owning team, as two aligned arrays for transform(): a hash lookup per row instead of a JOIN.
-- TRICKY: transform() refuses empty arrays, so the maps start with '' → '' (no service is named '').
SELECT (arrayConcat([''], groupArray(catalog_name)), arrayConcat([''], groupArray(catalog_team))) FROM ({{> services_latest}})
