-- What happened to a change between its opening and its merge: when a draft was marked ready for
-- review (NULL: it never was a draft), the first review by someone other than its author (bots
-- excluded), and its labels (e.g. 'dependencies'). Columns are placed with AFTER so that the table's
-- shape does not depend on the order in which parallel migrations were applied.
ALTER TABLE pull_requests ADD COLUMN ready_for_review_at Nullable(DateTime('UTC')) AFTER first_commit_at;
ALTER TABLE pull_requests ADD COLUMN first_review_at Nullable(DateTime('UTC')) AFTER ready_for_review_at;
ALTER TABLE pull_requests ADD COLUMN labels Array(String) AFTER deletions;
