using Insights.Warehouse.Metrics;

namespace Insights.Reports.Content;

/// <summary>A page-1 tile's figures, each an answer of the metrics layer.</summary>
/// <param name="From">Start of the window of <see cref="Current"/> (inclusive).</param>
/// <param name="To">End of the window (exclusive).</param>
/// <param name="Current">The summary for the window; null when the metric is not available.</param>
/// <param name="Previous">The summary for the same window one week earlier.</param>
/// <param name="Trend">The weekly values of the 12 weeks ending with the report week, oldest first (null: no data).</param>
/// <param name="Unavailable">Why there is no figure at all (a metric this version does not compute yet).</param>
public sealed record KpiFigure(
    KpiDefinition Definition,
    DateOnly From,
    DateOnly To,
    MetricValues? Current,
    MetricValues? Previous,
    IReadOnlyList<double?> Trend,
    KpiChange Change,
    string? Unavailable);
