-- The deployments that started in the range (and a week before it), and those up to a week (or the
-- attribution window) after it, whose rollbacks and incidents may mark a deployment of the range failed.
CREATE TEMPORARY TABLE window_deployments AS
{{> deployments_latest(@range_scan_from, @to_plus_followup, emptyArrayString(), '', @scope)}};
