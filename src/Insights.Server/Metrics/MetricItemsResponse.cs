using Insights.Warehouse.Metrics;

namespace Insights.Server.Metrics;

/// <summary>A page of <c>GET /api/v1/metrics/{metric}/items</c> (docs/api.md, "Items").</summary>
/// <param name="Period">The series period asked for, or null for the whole range.</param>
/// <param name="Counted">true, false or all: which rows were asked for.</param>
/// <param name="Suppressed">The group is under metrics.minimum_group_size (onboarding): no item is shown.</param>
/// <param name="NextCursor">Pass it as <c>cursor</c> for the next page; null on the last page.</param>
public sealed record MetricItemsResponse(
    string Metric,
    DateOnly From,
    DateOnly To,
    IReadOnlyDictionary<string, string> Filters,
    string Interval,
    DateOnly? Period,
    string Counted,
    bool Suppressed,
    IReadOnlyList<MetricItem> Items,
    string? NextCursor);
