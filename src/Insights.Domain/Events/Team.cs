namespace Insights.Domain.Events;

/// <summary>A team of the catalog (a Backstage group, or pushed): its display name and the team it belongs to.</summary>
public sealed record Team(string Name)
{
    public string? Source { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>The team this one is part of (a department, a tribe), by name.</summary>
    public string? Parent { get; init; }
}
