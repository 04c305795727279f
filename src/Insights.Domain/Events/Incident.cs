namespace Insights.Domain.Events;

public sealed record Incident(string Id, string Service, string Title, DateTime StartedAt)
{
    public string? Source { get; init; }

    public DateTime? ResolvedAt { get; init; }

    /// <summary>When a responder first acknowledged it (null: never, or the source does not say).</summary>
    public DateTime? AcknowledgedAt { get; init; }

    public string? Severity { get; init; }

    /// <summary>The deployment that caused the incident, when known.</summary>
    public string? DeploymentId { get; init; }

    /// <summary>False for incidents no change caused (a provider outage); they leave change failure rate alone.</summary>
    public bool? ChangeRelated { get; init; }

    /// <summary>The source's own number for it (PagerDuty's incident_number).</summary>
    public long? Number { get; init; }

    /// <summary>Where people open it (PagerDuty's html_url, the Jira issue's page).</summary>
    public string? Url { get; init; }

    /// <summary>The source's teams involved in it (PagerDuty teams), by name.</summary>
    public IReadOnlyList<string>? Teams { get; init; }
}
