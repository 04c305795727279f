namespace Insights.Domain.Metrics;

/// <summary>One of a metric's own item fields, after the common ones, with what it means.</summary>
public sealed record MetricItemColumn(string Name, string About);
