namespace Insights.Domain.Metrics;

/// <summary>A metric's items: what its rows are, which reasons they give, which fields they carry.</summary>
public sealed record MetricItemsDefinition
{
    /// <summary>The kinds of row (<c>deployment</c>, <c>change</c>, <c>incident</c>…).</summary>
    public IReadOnlyList<string> Kinds { get; init; } = [];

    /// <summary>
    /// How the counted items give the summary: <c>percentiles</c> (their values give n, value, p50, p75,
    /// p90), <c>share</c> (they are the denominator, value 1 in the numerator, else 0),
    /// <c>count_per_week</c> (each is one, value 1).
    /// </summary>
    public string Reproduces { get; init; } = "";

    /// <summary>The reason codes its rows can give (their sentences: <see cref="MetricCatalog.Reasons"/>).</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>Its own fields, in order, after kind, id, source, service, team, at, counted, value, reason, explanation.</summary>
    public IReadOnlyList<MetricItemColumn> Columns { get; init; } = [];

    /// <summary>The items of a group under <c>metrics.minimum_group_size</c> are suppressed, like its summary.</summary>
    public bool PrivateGroups { get; init; }

    /// <summary>Why it has no items (a 403 problem's detail); null when it has.</summary>
    public string? Forbidden { get; init; }

    public bool Available => Forbidden is null;
}
