namespace Insights.Warehouse.Intake;

/// <summary>What became of a pushed batch: how many items were stored and why the others were not.</summary>
public sealed record IngestResult(int Accepted, IReadOnlyList<RejectedItem> Rejected)
{
    /// <summary>Stored items that will not count as sent, checked against the catalog (<see cref="CatalogWarnings"/>): the first <see cref="IngestWarnings.DefaultLimit"/>.</summary>
    public IReadOnlyList<IngestWarning> Warnings { get; init; } = [];

    /// <summary>How many warnings there were, listed or not.</summary>
    public int WarningCount { get; init; }
}

/// <summary>One rejected item: its zero-based position in the batch and its field errors.</summary>
public sealed record RejectedItem(int Index, IDictionary<string, string[]> Errors);
