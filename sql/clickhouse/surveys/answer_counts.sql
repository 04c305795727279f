-- How many people answered each campaign (each respondent once, whatever the number of answers they
-- gave). A count only, so it is shown below the anonymity threshold too: it says how far a campaign
-- has come, nothing about what anyone answered. Reads the campaign and respondent columns only.
SELECT campaign, uniqExact(respondent) AS answers
FROM nps_responses
WHERE has({{campaigns}}, campaign)
GROUP BY campaign
