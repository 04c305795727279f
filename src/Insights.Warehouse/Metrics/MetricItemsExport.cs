namespace Insights.Warehouse.Metrics;

/// <summary>
/// A metric's items being read: enumerate <see cref="Items"/> once (rows arrive as ClickHouse sends
/// them, so an export of any size holds one row at a time), then dispose (drops the question's
/// temporary tables).
/// </summary>
public sealed class MetricItemsExport(MetricSession session, IAsyncEnumerable<MetricItem> items, bool suppressed) : IAsyncDisposable
{
    public IAsyncEnumerable<MetricItem> Items { get; } = items;

    /// <summary>The group is under <c>metrics.minimum_group_size</c>: <see cref="Items"/> is empty, like its summary.</summary>
    public bool Suppressed { get; } = suppressed;

    /// <summary>Which path the items are read from (docs/adr/0007-kept-rows.md); both list the same items.</summary>
    public AnswerPath AnsweredFrom { get; init; } = AnswerPath.Reference;

    public ValueTask DisposeAsync() => session.DisposeAsync();
}
