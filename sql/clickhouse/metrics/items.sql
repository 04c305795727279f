-- A metric's items (MetricItemReader): the rows of the metric's rows.sql (fragment rows: the rendered
-- query, or the temporary table holding it) within the counted and period filters, after the cursor's
-- row, in one stable order (at, kind, source, id: a row's key). Fragment columns: the common fields and
-- the metric's own, from its manifest; fragment limit: LIMIT n, or nothing for an export.
-- TRICKY: no placeholder in these comments — they are rendered too.
SELECT {{columns}}
FROM {{rows}}
WHERE {{counted_filter}} AND {{period_filter}} AND {{after_filter}}
ORDER BY at, kind, source, id
{{limit}}
