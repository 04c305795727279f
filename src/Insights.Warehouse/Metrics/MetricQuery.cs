using Insights.Domain.Metrics;

namespace Insights.Warehouse.Metrics;

/// <summary>One question to the metrics layer: a metric over [From, To) with optional filters.</summary>
public sealed record MetricQuery(MetricDefinition Metric, DateOnly From, DateOnly To)
{
    public string? Team { get; init; }

    public string? Service { get; init; }

    /// <summary>Deployment metrics only: one deployment environment (case-insensitive).</summary>
    public string? Environment { get; init; }

    /// <summary>Deployment metrics only: only golden-path (true) or only other (false) deployments.</summary>
    public bool? GoldenPath { get; init; }

    public Interval Interval { get; init; } = Interval.Week;

    /// <summary>The benchmark set for bands; null for the configured default.</summary>
    public string? Benchmark { get; init; }

    /// <summary>NPS only: one survey campaign.</summary>
    public string? Campaign { get; init; }

    /// <summary>
    /// The question with only the filters its metric takes (its manifest's <c>filters</c>): environment
    /// and golden path on deployment metrics, service on all but those of engineers and survey answers
    /// (which belong to teams, not services), campaign on survey metrics. The others are neither applied
    /// nor echoed (docs/metrics.md, "Filters").
    /// </summary>
    public MetricQuery WithApplicableFilters() => this with
    {
        Service = Metric.UsesService ? Service : null,
        Environment = Metric.UsesDeployments ? Environment : null,
        GoldenPath = Metric.UsesDeployments ? GoldenPath : null,
        Campaign = Metric.UsesCampaign ? Campaign : null,
    };
}
