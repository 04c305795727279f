namespace Insights.Domain.Demo;

/// <summary>A demo developer's answer to the demo NPS campaign (hashed and stored through the survey write path).</summary>
public sealed record DemoSurveyAnswer(string Respondent, string Team, int Score, string Comment, DateTime AnsweredAt);
