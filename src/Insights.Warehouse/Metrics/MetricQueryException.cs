namespace Insights.Warehouse.Metrics;

/// <summary>A metric question that cannot be answered as asked; names the parameter and the reason.</summary>
public sealed class MetricQueryException(string parameter, string reason) : Exception($"{parameter} {reason}")
{
    public string Parameter { get; } = parameter;

    public string Reason { get; } = reason;
}
