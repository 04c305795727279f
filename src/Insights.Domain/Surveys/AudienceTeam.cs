namespace Insights.Domain.Surveys;

/// <summary>A team a campaign asks, with how many developers it has when known (for the finite-population correction).</summary>
public sealed record AudienceTeam(string Team, int? Size);
