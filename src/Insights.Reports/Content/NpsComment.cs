namespace Insights.Reports.Content;

/// <summary>A developer's free-text answer to the NPS survey, with the group it is shown for (a team, or "other teams").</summary>
public sealed record NpsComment(string Group, string Text);
