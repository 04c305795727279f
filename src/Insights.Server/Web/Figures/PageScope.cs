namespace Insights.Server.Web.Figures;

/// <summary>What a page is about: the organisation, one team, or one service.</summary>
public sealed record PageScope(string? Team, string? Service)
{
    public static PageScope Organisation { get; } = new(null, null);

    public bool IsOrganisation => Team is null && Service is null;

    public string Label => Service is { } service ? $"Service {service}" : Team is { } team ? $"Team {team}" : "Organisation";

    public IEnumerable<KeyValuePair<string, string>> Query()
    {
        if (Team is { } team)
        {
            yield return new("team", team);
        }

        if (Service is { } service)
        {
            yield return new("service", service);
        }
    }
}
