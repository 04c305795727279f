namespace Insights.Domain.Events;

public sealed record Incident(string Id, string Service, string Title, DateTime StartedAt)
{
    public string? Source { get; init; }

    public DateTime? ResolvedAt { get; init; }

    public string? Severity { get; init; }

    /// <summary>The deployment that caused the incident, when known.</summary>
    public string? DeploymentId { get; init; }

    /// <summary>False for incidents no change caused (a provider outage); they leave change failure rate alone.</summary>
    public bool? ChangeRelated { get; init; }
}
