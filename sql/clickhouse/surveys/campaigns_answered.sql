-- The campaigns answered in [from, to), the most recently answered first: the weekly report shows
-- their comments (each exactly as comments.sql answers for the campaign).
SELECT campaign
FROM nps_responses
WHERE answered_at >= {{from}} AND answered_at < {{to}}
GROUP BY campaign
ORDER BY max(answered_at) DESC, campaign
