-- The deployments from the lookback (failures that started before the range may recover in it) up to
-- a week (or the attribution window) after the range (their rollbacks and incidents).
CREATE TEMPORARY TABLE window_deployments AS
{{> deployments_latest(@lookback_from, @to_plus_followup, emptyArrayString(), '', @scope)}};
