namespace Insights.Reports.Content;

/// <summary>
/// A developer comment as the report prints it: one text (as first written; the same words in other
/// spacing or case count as the same comment), how many respondents of the shown groups wrote it, and
/// those groups (teams, or "other teams").
/// </summary>
public sealed record NpsComment(string Text, int Count, IReadOnlyList<string> Groups);
