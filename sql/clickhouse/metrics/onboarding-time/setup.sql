-- Only the cohort's pull requests and their services' deployments are read (@cohort_changes,
-- @cohort_services): the rows join changes to engineers by author, deployments to changes by service.
CREATE TEMPORARY TABLE window_changes AS
{{> changes_latest(@from, @now, @cohort_changes, 1)}};

CREATE TEMPORARY TABLE window_deployments AS
{{> deployments_latest(@range_scan_from, @now, commits, commit_sha, @cohort_services)}};
