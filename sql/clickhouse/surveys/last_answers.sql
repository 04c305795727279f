-- When each of the given respondents (keyed hashes) last answered any campaign: the re-ask lock.
-- TRICKY: 18.16's IN does not take an array literal; has() does.
SELECT respondent, toUInt32(max(answered_at)) AS last_answered
FROM nps_responses
WHERE has({{respondents}}, respondent)
GROUP BY respondent
