namespace Insights.Ingest.Connectors;

/// <summary>A connector's stored state: its cursor and the outcome of its last runs.</summary>
/// <param name="FailingParts">Parts whose own sync failed in the last run while the others went on.</param>
/// <param name="Warnings">What the last run had to guess or leave out.</param>
/// <param name="Progress">The current run's progress, or the last run's.</param>
public sealed record ConnectorState(
    string Name,
    string Kind,
    string? Cursor,
    DateTime? LastStartedAt,
    DateTime? LastFinishedAt,
    DateTime? LastSuccessAt,
    int? LastRows,
    long TotalRows,
    string? LastError,
    int ConsecutiveFailures,
    IReadOnlyList<FailingPart> FailingParts,
    IReadOnlyList<string> Warnings,
    SyncProgress? Progress);
