namespace Insights.Ingest.Connectors;

/// <summary>A run in which every part of the source failed: a failed run, retried from the same cursors.</summary>
public sealed class SyncFailedException(string message) : Exception(message);
