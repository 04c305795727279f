-- The latest copy of each deployment that started in [$1, $2), with its owning team (from the
-- catalog), whether it is production and golden-path, and whether its source said it was golden-path
-- (golden_flag; else its pipeline matched a configured pattern).
-- Deduplicated with FINAL: a deployment's service and start time (occurred_at) are part of its
-- sort key and never change between its copies (docs/adr/0002-deduplication.md), so ReplacingMergeTree
-- keeps exactly the latest copy; WHERE is applied after that (ClickHouse does not move it to PREWHERE
-- under FINAL), so an older copy can never pass a filter its latest copy fails.
-- $3 / $4: how to read commits and commit_sha — the columns for callers that need them, else a
-- constant (reading commit lists is most of the cost).
-- $5: a predicate on service that narrows the scan (@scope: the caller's team and service filters,
-- which then use the sort key's index; @cohort_services for onboarding, whose team is the engineer's,
-- not the service owner's), or 1. Safe because every metric joins deployments within one service only.
SELECT *
FROM
(
    WITH ({{> team_map}}) AS team_map
    SELECT
        id, source, service, environment, status, finished_at, occurred_at, {{$4}} AS commit_sha, {{$3}} AS commits,
        pipeline, rollback_of, hotfix,
        transform(service, tupleElement(team_map, 1), tupleElement(team_map, 2), '') AS team,
        {{> is_production(environment, production, service)}} AS is_production,
        {{> is_golden(golden_path, pipeline)}} AS is_golden,
        golden_path AS golden_flag
    FROM deployments FINAL
    WHERE occurred_at >= {{$1}} AND occurred_at < {{$2}} AND {{$5}}
)
