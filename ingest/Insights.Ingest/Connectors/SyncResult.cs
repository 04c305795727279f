namespace Insights.Ingest.Connectors;

/// <summary>What a sync achieved: the cursor to resume from and how many events it wrote.</summary>
public sealed record SyncResult(string? Cursor, int Rows);
