using System.Globalization;
using System.Text.Json;
using Insights.Domain.Demo;
using Insights.Server.Demo;
using Insights.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Reports.Tests.Support;

/// <summary>
/// The demo organisation (what ./run.sh loads: five teams, 13 weeks ending today) and its weekly
/// reports for the last full week — the organisation's and every team's — made through the API.
/// </summary>
public sealed class DemoReportFixture : IAsyncLifetime
{
    public const string Team = "payments";

    public InsightsTestServer Server { get; private set; } = null!;

    public JsonElement Organisation { get; private set; }

    public JsonElement TeamReport { get; private set; }

    public byte[] OrganisationPdf { get; private set; } = [];

    public byte[] TeamPdf { get; private set; } = [];

    public PdfText OrganisationText { get; private set; } = null!;

    public PdfText TeamText { get; private set; } = null!;

    /// <summary>The organisation's and the team's reports of a week that ended before the demo's data starts.</summary>
    public JsonElement BeforeDataOrganisation { get; private set; }

    public byte[] BeforeDataOrganisationPdf { get; private set; } = [];

    public byte[] BeforeDataTeamPdf { get; private set; } = [];

    /// <summary>The first day of the demo's events (its first production deployment is on it or soon after).</summary>
    public DateOnly DemoStart { get; private set; }

    /// <summary>The report week's Monday (its first day).</summary>
    public DateOnly From { get; private set; }

    /// <summary>The Monday after the report week (exclusive end).</summary>
    public DateOnly To => From.AddDays(7);

    public async Task InitializeAsync()
    {
        Server = await InsightsTestServer.StartAsync(new Dictionary<string, string?> { ["Metrics:GoldenPathPipelines:0"] = "golden-path/*" });
        Assert.True(await Server.Services.GetRequiredService<DemoLoader>().LoadIfNeededAsync(scale: 1, CancellationToken.None));

        var made = await ReportApi.CreateAsync(Server.Client, new { per_team = true });
        var reports = made.GetProperty("reports").EnumerateArray().ToList();
        Organisation = reports[0];
        TeamReport = reports.Single(r => r.GetProperty("team").ValueKind == JsonValueKind.String && r.GetProperty("team").GetString() == Team);
        From = DateOnly.ParseExact(Organisation.GetProperty("week_start").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        OrganisationPdf = await ReportApi.PdfAsync(Server.Client, Organisation);
        TeamPdf = await ReportApi.PdfAsync(Server.Client, TeamReport);
        OrganisationText = PdfText.Read(OrganisationPdf);
        TeamText = PdfText.Read(TeamPdf);

        // The demo's 13 weeks end today; a week that ended a fortnight before they start has no data.
        DemoStart = new DemoOrganisation(DateOnly.FromDateTime(DateTime.UtcNow)).Start;
        var before = Insights.Reports.Weeks.IsoWeek.Containing(DemoStart.AddDays(-14)).ToString();
        BeforeDataOrganisation = (await ReportApi.CreateAsync(Server.Client, new { week = before })).GetProperty("reports")[0];
        BeforeDataOrganisationPdf = await ReportApi.PdfAsync(Server.Client, BeforeDataOrganisation);
        BeforeDataTeamPdf = await ReportApi.PdfAsync(Server.Client, (await ReportApi.CreateAsync(Server.Client, new { week = before, team = Team })).GetProperty("reports")[0]);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
