-- The deployments of the lookback and the range, with their commit lists, and the changes merged in
-- them: read once, by the rows of every question (rows.sql).
CREATE TEMPORARY TABLE window_deployments AS
{{> deployments_latest(@lookback_from, @to, commits, commit_sha, @scope)}};

CREATE TEMPORARY TABLE window_changes AS
{{> changes_latest(@lookback_from, @to, @change_scope, @scope_owned)}};
