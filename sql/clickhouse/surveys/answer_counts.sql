-- How many developers have answered each of the given campaigns (a second answer replaces the first, so
-- each respondent counts once). A count only — no score, team or time — so a campaign owner sees answers
-- arriving before any group reaches the anonymity threshold.
-- TRICKY: 18.16's IN does not take an array literal; has() does.
SELECT campaign, toInt64(uniqExact(respondent)) AS answers
FROM nps_responses
WHERE has({{campaigns}}, campaign)
GROUP BY campaign
