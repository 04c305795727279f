namespace Insights.Server.Surveys;

/// <summary>The recurring import of a survey tool's CSV export (YAML <c>surveys.import</c>).</summary>
public sealed class SurveyImportOptions
{
    /// <summary>A CSV file, or a folder whose <c>*.csv</c> files are imported; no path, no job.</summary>
    public string? Path { get; set; }

    /// <summary>When the import runs (cron, UTC).</summary>
    public string Cron { get; set; } = "*/30 * * * *";
}
