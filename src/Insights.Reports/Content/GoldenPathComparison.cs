using Insights.Domain.Metrics;
using Insights.Warehouse.Metrics;

namespace Insights.Reports.Content;

/// <summary>One metric for golden-path deployments against all other deployments (the <c>golden_path</c> filter).</summary>
public sealed record GoldenPathComparison(MetricDefinition Metric, MetricValues GoldenPath, MetricValues Other);
