using Insights.Warehouse.Metrics;

namespace Insights.Reports.Content;

/// <summary>What the metrics layer answered for one query, or why it could not (e.g. a metric this version does not compute).</summary>
/// <param name="Result">The whole answer (series, breakdown) when the report asked for it directly.</param>
public sealed record MetricAnswer(MetricValues? Summary, MetricResult? Result, string? Unavailable)
{
    public static MetricAnswer Of(MetricResult result) => new(result.Summary, result, null);

    /// <summary>A summary that came as part of another answer (a DORA key).</summary>
    public static MetricAnswer OfSummary(MetricValues summary) => new(summary, null, null);

    public static MetricAnswer NotAvailable(string reason) => new(null, null, reason);
}
