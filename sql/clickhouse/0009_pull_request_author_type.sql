-- The author's account type as the source gives it (GitHub's user type: User, Bot, Organization):
-- lead time and onboarding leave bots' changes out (docs/metrics.md, "Bots"). Empty when unknown.
ALTER TABLE pull_requests ADD COLUMN author_type String DEFAULT '' AFTER author;
