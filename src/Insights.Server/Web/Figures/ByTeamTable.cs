using Insights.Domain.Metrics;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Web.Figures;

/// <summary>A "by team" table of one metric: which columns to show of each team's summary.</summary>
public sealed record ByTeamTable(
    MetricDefinition Metric,
    IReadOnlyList<(string Team, MetricResult Result)> Rows,
    int MinimumGroupSize,
    IReadOnlyList<(string Label, Func<MetricValues, string> Cell)> Columns,
    WebPageModel Page,
    string? Interval = null);
