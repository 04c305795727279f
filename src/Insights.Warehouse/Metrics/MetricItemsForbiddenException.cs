namespace Insights.Warehouse.Metrics;

/// <summary>A metric whose rows are never listed (survey answers); the reason is its manifest's.</summary>
public sealed class MetricItemsForbiddenException(string metric, string reason) : Exception($"{metric}: {reason}")
{
    public string Metric { get; } = metric;

    public string Reason { get; } = reason;
}
