namespace Insights.Server.Surveys;

/// <summary>In-app NPS surveys (configuration section <c>Surveys</c>, YAML <c>surveys:</c>; docs/surveys.md).</summary>
public sealed class SurveyOptions
{
    public const string Section = "Surveys";

    /// <summary>
    /// The environment variable holding the server secret that signs respondent links and keys respondent
    /// hashes. When it is unset, a random secret is generated once and kept in PostgreSQL (table survey_secret).
    /// </summary>
    public string SecretEnvironmentVariable { get; set; } = "INSIGHTS_SURVEY_SECRET";

    /// <summary>The address respondents reach this server at (links are built on it); default: the request's own.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>How long an issued link stays valid (never past the campaign's end).</summary>
    public int LinkTtlDays { get; set; } = 30;

    /// <summary>Origins that may embed the survey widget (frame-ancestors) and post answers from the browser (CORS); empty = any.</summary>
    public List<string> EmbedOrigins { get; set; } = [];

    public SurveyImportOptions Import { get; set; } = new();
}
