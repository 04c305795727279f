-- Incidents as responders know them: when one was first acknowledged (NULL: never, or the source
-- does not say), the source's own number and page (PagerDuty's incident_number and html_url, the Jira
-- issue), and the source's teams involved (PagerDuty teams).
ALTER TABLE incidents ADD COLUMN acknowledged_at Nullable(DateTime('UTC')) AFTER resolved_at;
ALTER TABLE incidents ADD COLUMN number Nullable(UInt64) AFTER change_related;
ALTER TABLE incidents ADD COLUMN url String AFTER number;
ALTER TABLE incidents ADD COLUMN teams Array(String) AFTER url;
