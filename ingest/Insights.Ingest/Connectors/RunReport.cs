namespace Insights.Ingest.Connectors;

/// <summary>What a sync run leaves in the status besides its cursor: failing parts, warnings, progress.</summary>
public sealed record RunReport(IReadOnlyList<FailingPart> FailingParts, IReadOnlyList<string> Warnings, SyncProgress? Progress)
{
    public static RunReport Empty { get; } = new([], [], null);
}
