namespace Insights.Warehouse.Metrics;

/// <summary>A question for the rows behind a metric: the metric's own question and which of its rows.</summary>
public sealed record MetricItemsQuery(MetricQuery Query)
{
    public const int DefaultLimit = 100;

    public const int MaxLimit = 1_000;

    /// <summary>Only counted rows (true), only those left out (false), or all (null).</summary>
    public bool? Counted { get; init; }

    /// <summary>Only the rows of the series period that starts on this date (of the question's interval).</summary>
    public DateOnly? Period { get; init; }

    /// <summary>The page size (1 to <see cref="MaxLimit"/>); an export reads every row.</summary>
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>The page starts after this row (the previous page's last).</summary>
    public MetricItemKey? After { get; init; }
}
