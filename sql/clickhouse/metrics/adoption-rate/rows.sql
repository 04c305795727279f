-- Platform adoption rate's rows: every deployment placed in [from, to) within the filters. A
-- production deployment counts (the denominator), value 1 when it went through a golden path
-- (golden_path_rule: its source said so, or its pipeline matched metrics.golden_path_pipelines), else 0;
-- partials/deployment_rows.sql says why another deployment does not count.
SELECT
    'deployment' AS kind,
    id,
    source,
    service,
    team,
    at,
    exclusion = '' AS counted,
    if(counted, toNullable(toFloat64(is_golden)), NULL) AS value,
    exclusion AS reason,
    {{> group_team(team)}} AS group_team,
    {{> group_golden(is_golden)}} AS group_golden,
    environment,
    status,
    pipeline,
    multiIf(golden_flag = 1, 'golden_path', is_golden = 1, 'pipeline', '') AS golden_path_rule,
    production_rule
FROM ({{> deployment_rows}})
