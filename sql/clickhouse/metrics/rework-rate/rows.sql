-- Deployment rework rate's rows (DORA 2024): every deployment placed in [from, to) within the filters.
-- A production deployment counts (the denominator), value 1 when it was unplanned remediation (rework:
-- a hotfix, a rollback, or remediation — the first deployment of its service after one of its incidents
-- started and before it was resolved, remediates naming them), else 0; partials/deployment_rows.sql says
-- why another deployment does not count.
SELECT
    'deployment' AS kind,
    id,
    source,
    service,
    team,
    at,
    exclusion = '' AS counted,
    if(counted, toNullable(toFloat64(rework != '')), NULL) AS value,
    exclusion AS reason,
    {{> group_team(team)}} AS group_team,
    {{> group_golden(is_golden)}} AS group_golden,
    environment,
    status,
    pipeline,
    rework,
    remediates,
    rollback_of,
    production_rule
FROM
(
    SELECT
        *,
        multiIf(exclusion != '', '', hotfix = 1, 'hotfix', rollback_of != '', 'rollback', length(remediates) > 0, 'remediation', '') AS rework
    FROM ({{> deployment_rows}})
    ANY LEFT JOIN
    (
        SELECT service, id, arraySort(groupArray(remediated_incident)) AS remediates
        FROM remediations
        GROUP BY service, id
    ) USING (service, id)
)
