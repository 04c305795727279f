namespace Insights.Warehouse.Timeline;

/// <summary>Which events to list: those in [From, To) (exact UTC times), with the metric filters.</summary>
public sealed record TimelineQuery(DateTime From, DateTime To)
{
    /// <summary>At most this many events come back (the newest).</summary>
    public const int MaxLimit = 5_000;

    public string? Team { get; init; }

    public string? Service { get; init; }

    /// <summary>Deployments only: one environment (case-insensitive).</summary>
    public string? Environment { get; init; }

    /// <summary>Deployments only: only golden-path (true) or only other (false) deployments.</summary>
    public bool? GoldenPath { get; init; }

    /// <summary>Deployments only: only production deployments (the default).</summary>
    public bool ProductionOnly { get; init; } = true;

    public int Limit { get; init; } = 1_000;
}
