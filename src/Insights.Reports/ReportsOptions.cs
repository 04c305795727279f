namespace Insights.Reports;

/// <summary>The weekly report (configuration section <c>Reports</c>, YAML <c>reports:</c>; docs/reports.md).</summary>
public sealed class ReportsOptions
{
    public const string Section = "Reports";

    /// <summary>Whether the weekly job is registered at all (reports can still be made through the API).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>When the weekly job runs, as a cron expression in <see cref="TimeZone"/>: Monday 07:00.</summary>
    public string Schedule { get; set; } = "0 7 * * 1";

    /// <summary>An IANA time zone: when the schedule fires and which week is the last full one.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Also one report per team (every team of the catalog), besides the organisation's.</summary>
    public bool PerTeam { get; set; }

    /// <summary>Where DejaVuSans.ttf and DejaVuSans-Bold.ttf are (Debian's fonts-dejavu-core).</summary>
    public string FontDirectory { get; set; } = Layout.ReportFonts.DefaultDirectory;

    /// <summary>How many metric questions run at once while a report is made.</summary>
    public int QueryConcurrency { get; set; } = 4;

    /// <summary>How many reports of one run (the organisation's and its teams') are made at once.</summary>
    public int GenerationConcurrency { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// The server's address as readers reach it (<c>https://insights.example.com</c>): e-mailed download links are
    /// absolute with it. Empty: e-mails carry the link's path only.
    /// </summary>
    public string PublicUrl { get; set; } = "";

    /// <summary>How long an e-mailed download link works (links listed by the API work one hour).</summary>
    public int LinkLifetimeHours { get; set; } = 168;

    public SmtpOptions Smtp { get; set; } = new();

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
