using Insights.Domain.Metrics;

namespace Insights.Warehouse.Metrics;

/// <summary>
/// A metric's answer in the shape of the public API (docs/api.md): a summary over the whole range,
/// a breakdown, and a series per period. Summary and series entries are ordered maps so that every
/// metric can carry its own extra figures (e.g. <c>deployment_days</c>) next to the common ones.
/// </summary>
public sealed record MetricResult(
    string Metric,
    DateOnly From,
    DateOnly To,
    IReadOnlyDictionary<string, string> Filters,
    string Interval,
    string Unit,
    MetricValues Summary,
    IReadOnlyDictionary<string, double?> Breakdown,
    IReadOnlyList<MetricValues> Series)
{
    public string Title => MetricCatalog.TryGet(Metric, out var definition) ? definition.Title : Metric;

    /// <summary>Which path computed it (not part of the answer: both give the same one).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public AnswerPath AnsweredFrom { get; init; } = AnswerPath.Reference;
}
