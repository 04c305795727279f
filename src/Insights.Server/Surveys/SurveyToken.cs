namespace Insights.Server.Surveys;

/// <summary>What a respondent link carries: the campaign, the respondent (as its keyed hash), the team, and the expiry.</summary>
public sealed record SurveyToken(Guid Campaign, string Respondent, string Team, DateTime ExpiresAt);
