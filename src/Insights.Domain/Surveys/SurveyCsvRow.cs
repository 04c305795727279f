namespace Insights.Domain.Surveys;

/// <summary>One answer read from a survey tool's CSV export (the respondent still in clear: it is hashed before storage).</summary>
public sealed record SurveyCsvRow(int Index, string Respondent, int Score, string Comment, DateTime AnsweredAt, string Team, string? Campaign);
