namespace Insights.Warehouse.Metrics;

/// <summary>A metric for golden-path deployments and for the others, each as with <c>golden_path=true|false</c>.</summary>
public sealed record GoldenPathSplit(MetricResult GoldenPath, MetricResult Other);
