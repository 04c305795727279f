namespace Insights.Domain.Events;

/// <summary>A deployment attempt as producers (connectors, the demo) describe it; serializes to the push API's shape.</summary>
public sealed record Deployment(string Id, string Service, string Environment, string Status)
{
    public string? Source { get; init; }

    public DateTime? StartedAt { get; init; }

    public DateTime? FinishedAt { get; init; }

    public string? CommitSha { get; init; }

    public IReadOnlyList<string>? Commits { get; init; }

    public string? Repository { get; init; }

    public string? Pipeline { get; init; }

    public bool? GoldenPath { get; init; }

    /// <summary>The source says this environment is production (GitHub's <c>production_environment</c>).</summary>
    public bool? Production { get; init; }

    public string? RollbackOf { get; init; }

    public bool? Hotfix { get; init; }

    public string? TriggeredBy { get; init; }
}
