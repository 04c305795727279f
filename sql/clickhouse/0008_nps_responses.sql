-- Developer NPS answers (surveys). One row per answer received; a respondent's latest answer per
-- campaign is chosen at query time (latest answered_at, then latest received), so a second answer
-- replaces the first and a replayed one counts once. The respondent is only ever stored as a keyed
-- hash (HMAC with the server's survey secret): never an e-mail or id. The campaign's audience sizes and
-- anonymity threshold are copied onto each answer so that the metric (margin of error with the
-- finite-population correction, suppression) needs nothing outside ClickHouse.
CREATE TABLE IF NOT EXISTS nps_responses
(
    source String,
    campaign String,
    respondent String,
    team String,
    score UInt8,
    comment String,
    answered_at DateTime('UTC'),
    audience_size UInt32,
    team_audience_size UInt32,
    anonymity_threshold UInt16,
    received_at DateTime('UTC'),
    _version UInt64
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(answered_at)
ORDER BY (campaign, respondent, answered_at);
