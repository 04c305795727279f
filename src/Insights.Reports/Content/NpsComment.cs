namespace Insights.Reports.Content;

/// <summary>A developer's free-text answer to the NPS survey, with the group it is shown for.</summary>
public sealed record NpsComment(string Group, int Score, string Text);
