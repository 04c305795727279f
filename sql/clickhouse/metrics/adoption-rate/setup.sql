-- The deployments that started in the range (and a week before it: partials/deployments_latest.sql).
CREATE TEMPORARY TABLE window_deployments AS
{{> deployments_latest(@range_scan_from, @to, emptyArrayString(), '', @scope)}};
