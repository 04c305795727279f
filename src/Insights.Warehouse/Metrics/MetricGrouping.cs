namespace Insights.Warehouse.Metrics;

/// <summary>
/// How one question's rows are split (the metric's SQL groups by <c>group_team</c> and
/// <c>group_golden</c>; partials/group_team.sql, partials/group_golden.sql): one answer for the
/// question's scope, one per team, or golden-path against other deployments.
/// </summary>
public enum MetricGrouping
{
    None,
    ByTeam,
    ByGoldenPath,
}
