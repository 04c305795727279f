namespace Insights.Reports.Content;

/// <summary>Whom a report is about: the whole organisation, or one team (the metrics' <c>team</c> filter).</summary>
public sealed record ReportScope
{
    public const string OrganisationKind = "organisation";
    public const string TeamKind = "team";

    private ReportScope(string? team) => Team = team;

    public static ReportScope Organisation { get; } = new((string?)null);

    /// <summary>The team, or null for the organisation.</summary>
    public string? Team { get; }

    public bool IsOrganisation => Team is null;

    public string Kind => IsOrganisation ? OrganisationKind : TeamKind;

    /// <summary>For people: "Organisation" or "Team payments".</summary>
    public string Title => Team is null ? "Organisation" : $"Team {Team}";

    public static ReportScope ForTeam(string team)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(team);
        return new ReportScope(team);
    }

    public override string ToString() => Team is null ? OrganisationKind : $"{TeamKind}:{Team}";
}
