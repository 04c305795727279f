namespace Insights.Ingest.Connectors;

/// <summary>A connector's stored state: its cursor and the outcome of its last runs.</summary>
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
    int ConsecutiveFailures);
