namespace Insights.Domain.Events;

/// <summary>A service in the catalog: who owns it and how it was made.</summary>
public sealed record CatalogService(string Name, string Team)
{
    public string? Source { get; init; }

    public string? Repository { get; init; }

    public string? GoldenPathTemplate { get; init; }

    public string? Lifecycle { get; init; }

    /// <summary>The system the service is part of (Backstage's <c>spec.system</c>).</summary>
    public string? System { get; init; }

    /// <summary>The domain of that system (Backstage's System <c>spec.domain</c>).</summary>
    public string? Domain { get; init; }

    public string? PagerdutyServiceId { get; init; }

    public string? JiraComponent { get; init; }

    /// <summary>This service's own production environments (e.g. two regions); else the global set applies.</summary>
    public IReadOnlyList<string>? ProductionEnvironments { get; init; }
}
