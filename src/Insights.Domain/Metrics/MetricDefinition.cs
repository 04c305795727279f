namespace Insights.Domain.Metrics;

/// <summary>
/// What a metric is, as its manifest says (<c>sql/clickhouse/metrics/{Name}/metric.yaml</c>, read by
/// <see cref="MetricCatalog"/>); its computation lives in the SQL files of the same folder and nowhere
/// else (docs/development.md, "Adding a metric").
/// </summary>
public sealed record MetricDefinition
{
    /// <summary>Its name in URLs and its folder's name.</summary>
    public required string Name { get; init; }

    /// <summary>Its name for people.</summary>
    public required string Title { get; init; }

    /// <summary>The unit of the summary <c>value</c>.</summary>
    public required string Unit { get; init; }

    /// <summary>
    /// The unit of a series point's <c>value</c> when it differs from the summary's (deployment
    /// frequency: a count per period, not per week).
    /// </summary>
    public string? SeriesUnit { get; init; }

    /// <summary>Its place in lists (<c>GET /api/v1/metrics</c>, Grafana's metric menu).</summary>
    public int Order { get; init; }

    /// <summary>1–4: its place among DORA's four keys; null for the others.</summary>
    public int? DoraKey { get; init; }

    /// <summary>The direction of improvement (for reports and regressions).</summary>
    public bool HigherIsBetter { get; init; }

    /// <summary>Reports p50/p75/p90 (durations).</summary>
    public bool Distribution { get; init; }

    /// <summary>The filters it takes: <c>team</c>, <c>service</c>, <c>environment</c>, <c>golden_path</c>, <c>campaign</c>.</summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    /// <summary>How one question can answer many groups at once: <c>team</c> (every team), <c>golden_path</c>.</summary>
    public IReadOnlyList<string> Groupings { get; init; } = [];

    /// <summary>Its own summary figures beyond value, n and the percentiles, with their value for an empty range.</summary>
    public IReadOnlyList<MetricFigure> Figures { get; init; } = [];

    /// <summary>Compared for golden-path against other deployments in <c>GET /api/v1/impact</c>.</summary>
    public bool GoldenPathComparison { get; init; }

    /// <summary>Where its definition is explained (docs/metrics.md#…).</summary>
    public string Docs { get; init; } = "docs/metrics.md";

    /// <summary>Its items: the rows behind the number (<c>GET /api/v1/metrics/{Name}/items</c>).</summary>
    public MetricItemsDefinition Items { get; init; } = new();

    /// <summary>How the weekly report shows it; null when it does not.</summary>
    public MetricReportDefinition? Report { get; init; }

    /// <summary>Takes the <c>environment</c> and <c>golden_path</c> filters (deployment metrics).</summary>
    public bool UsesDeployments => Filters.Contains("environment");

    /// <summary>
    /// Takes the <c>service</c> filter (not onboarding and NPS: engineers and survey answers belong to
    /// teams, not services).
    /// </summary>
    public bool UsesService => Filters.Contains("service");

    /// <summary>Takes the <c>campaign</c> filter (survey metrics).</summary>
    public bool UsesCampaign => Filters.Contains("campaign");

    public bool GroupsByTeam => Groupings.Contains("team");

    public bool GroupsByGoldenPath => Groupings.Contains("golden_path");

    public string PeriodUnit => SeriesUnit ?? Unit;

    /// <summary>Its folder among the embedded SQL resources.</summary>
    public string Folder => $"clickhouse/metrics/{Name}";

    /// <summary>The summary and series query.</summary>
    public string SqlFile => $"{Folder}/summary.sql";

    /// <summary>The row query behind it, every candidate row with whether it counts (absent when it has no items).</summary>
    public string RowsFile => $"{Folder}/rows.sql";

    /// <summary>Temporary tables the summary and the rows share (optional).</summary>
    public string SetupFile => $"{Folder}/setup.sql";
}
