-- Deployment frequency's rows: every deployment placed in [from, to) within the filters. A successful
-- production deployment with a finish counts, value 1; partials/deployment_rows.sql says why another
-- does not.
SELECT
    'deployment' AS kind,
    id,
    source,
    service,
    team,
    at,
    exclusion = '' AS counted,
    if(counted, 1., NULL) AS value,
    exclusion AS reason,
    {{> group_team(team)}} AS group_team,
    {{> group_golden(is_golden)}} AS group_golden,
    environment,
    status,
    pipeline,
    is_golden AS golden_path,
    production_rule
FROM ({{> deployment_rows}})
