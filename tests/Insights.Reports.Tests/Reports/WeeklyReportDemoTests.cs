using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Insights.Domain.Metrics;
using Insights.Reports.Content;
using Insights.Reports.Rendering;
using Insights.Reports.Tests.Support;
using Insights.Reports.Weeks;
using Insights.Warehouse.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Reports.Tests.Reports;

/// <summary>
/// The weekly report of a seeded organisation (the demo) read back from the PDF: every figure is the
/// HTTP API's answer for the same week and scope.
/// </summary>
public sealed class WeeklyReportDemoTests(DemoReportFixture demo) : IClassFixture<DemoReportFixture>
{
    private HttpClient Api => demo.Server.Client;

    [Fact]
    public async Task OrganisationReport_ShowsEveryKpi_AsTheApiAnswersIt() =>
        await AssertKpisAsync(demo.OrganisationText, team: null);

    [Fact]
    public async Task TeamReport_ShowsEveryKpi_AsTheApiAnswersIt() =>
        await AssertKpisAsync(demo.TeamText, DemoReportFixture.Team);

    [Fact]
    public async Task WeeklyRun_AsksNoMoreQuestionsForFiveTeamsThanForOne()
    {
        // A team's questions are answered from each metric asked for every team at once.
        var services = demo.Server.Services;
        var builder = services.GetRequiredService<ReportContentBuilder>();
        var generator = services.GetRequiredService<ReportGenerator>();
        var week = IsoWeek.Containing(demo.From);
        var teams = await services.GetRequiredService<CatalogQueries>().TeamNamesAsync();

        async Task<int> QuestionsAsync(IEnumerable<string> teamReports)
        {
            var run = generator.NewRun();
            await builder.BuildAsync(week, ReportScope.Organisation, run, CancellationToken.None);
            foreach (var team in teamReports)
            {
                await builder.BuildAsync(week, ReportScope.ForTeam(team), run, CancellationToken.None);
            }

            return run.Computed;
        }

        Assert.Equal(5, teams.Count);
        var oneTeam = await QuestionsAsync([DemoReportFixture.Team]);
        var everyTeam = await QuestionsAsync(teams);
        Assert.Equal(oneTeam, everyTeam);
        Assert.InRange(everyTeam, 20, 45);
    }

    [Fact]
    public async Task OrganisationReport_DoraLevels_AreTheApis()
    {
        var dora = await Api.GetFromJsonAsync<JsonElement>($"/api/v1/dora?from={demo.From:yyyy-MM-dd}&to={demo.To:yyyy-MM-dd}");
        var text = demo.OrganisationText;
        var section = text.IndexAfter("DORA performance level");
        var labels = new Dictionary<string, string> { ["deployment-frequency"] = "Deployments", ["lead-time"] = "Lead time", ["change-failure-rate"] = "Failure rate", ["recovery-time"] = "Recovery time" };

        foreach (var key in dora.GetProperty("metrics").EnumerateArray())
        {
            var summary = key.GetProperty("summary");
            var band = ReportApi.Text(summary, "band");
            var shown = text.Words[text.IndexAfter(labels[key.GetProperty("metric").GetString()!], section)];
            Assert.Equal(band?.ToUpperInvariant() ?? "NOT", shown);
        }

        Assert.Equal(dora.GetProperty("overall").GetProperty("band").GetString()!.ToUpperInvariant(), text.WordAfter("Overall level", section));
        Assert.Contains($"({dora.GetProperty("benchmark").GetString()})", text.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrganisationReport_TeamTable_HoldsEachTeamsAnswers()
    {
        var teams = await Api.GetFromJsonAsync<JsonElement>("/api/v1/teams");
        var text = demo.OrganisationText;
        var rows = text.IndexAfter("Adopt. (%) Level");
        Assert.Equal(5, teams.GetArrayLength());

        foreach (var team in teams.EnumerateArray().Select(t => t.GetProperty("team").GetString()!))
        {
            var dora = await Api.GetFromJsonAsync<JsonElement>($"/api/v1/dora?from={demo.From:yyyy-MM-dd}&to={demo.To:yyyy-MM-dd}&team={team}");
            var adoption = await ReportApi.MetricAsync(Api, "adoption-rate", demo.From, demo.To, team);
            var at = text.IndexAfter(team, rows);
            var expected = new List<string>();
            foreach (var key in dora.GetProperty("metrics").EnumerateArray())
            {
                var summary = key.GetProperty("summary");
                expected.Add(Shown(ReportApi.Number(summary, "value")));
                expected.Add(ReportApi.Text(summary, "band") is { } band ? band + (summary.GetProperty("low_sample").GetBoolean() ? "*" : "") : "—");
            }

            expected.Add(Shown(ReportApi.Number(adoption!.Value.GetProperty("summary"), "value")));
            expected.Add(ReportApi.Text(dora.GetProperty("overall"), "band") ?? "—");
            Assert.Equal(expected, text.Words.Skip(at).Take(expected.Count));
        }
    }

    [Fact]
    public async Task OrganisationReport_GoldenPathAndProvisioning_AreTheApisOverTwelveWeeks()
    {
        var text = demo.OrganisationText;
        var from = demo.To.AddDays(-84);
        var table = text.IndexAfter("Metric Golden path n Other n");
        foreach (var metric in MetricCatalog.FourKeys)
        {
            var golden = (await ReportApi.MetricAsync(Api, metric.Name, from, demo.To, goldenPath: true))!.Value.GetProperty("summary");
            var other = (await ReportApi.MetricAsync(Api, metric.Name, from, demo.To, goldenPath: false))!.Value.GetProperty("summary");
            var shown = text.FiguresFrom(text.IndexAfter(ReportText.ShortTitle(metric.Name), table), 4);
            Assert.Equal([ReportApi.Number(golden, "value"), ReportApi.Number(golden, "n"), ReportApi.Number(other, "value"), ReportApi.Number(other, "n")], shown);
        }

        var provisioning = (await ReportApi.MetricAsync(Api, "provisioning-time", from, demo.To))!.Value.GetProperty("breakdown");
        var facts = text.IndexAfter("Self p50");
        Assert.Equal(
            [ReportApi.Number(provisioning, "self_service_n"), ReportApi.Number(provisioning, "self_service_p50_hours"), ReportApi.Number(provisioning, "self_service_p90_hours")],
            text.FiguresFrom(text.IndexAfter("Self-service", facts), 3));
        Assert.Equal(
            [ReportApi.Number(provisioning, "ticket_n"), ReportApi.Number(provisioning, "ticket_p50_hours"), ReportApi.Number(provisioning, "ticket_p90_hours")],
            text.FiguresFrom(text.IndexAfter("Ticket", facts + 20), 3));
    }

    [Fact]
    public async Task OrganisationReport_TopRegressions_AreTheWorstWeekOverFourWeeksChanges()
    {
        var teams = (await Api.GetFromJsonAsync<JsonElement>("/api/v1/teams")).EnumerateArray().Select(t => t.GetProperty("team").GetString()!).ToList();
        var candidates = new List<(string?, MetricDefinition, MetricValues?, MetricValues?)>();
        foreach (var team in teams)
        {
            foreach (var metric in RegressionFinder.Watched)
            {
                var week = (await ReportApi.MetricAsync(Api, metric.Name, demo.From, demo.To, team))!.Value.GetProperty("summary");
                var before = (await ReportApi.MetricAsync(Api, metric.Name, demo.From.AddDays(-28), demo.From, team))!.Value.GetProperty("summary");
                candidates.Add((team, metric, Values(week), Values(before)));
            }
        }

        var expected = RegressionFinder.Rank(candidates);
        var text = demo.OrganisationText;
        var table = text.IndexAfter("Team Metric This week 4 weeks before Worse by");
        if (expected.Count == 0)
        {
            Assert.Contains("Nothing got worse beyond the noise this week.", text.All, StringComparison.Ordinal);
            return;
        }

        var at = table;
        foreach (var regression in expected)
        {
            at = text.IndexAfter($"{regression.Team} {ReportText.ShortTitle(regression.Metric.Name)}", at);
            Assert.Equal([regression.Current, regression.Baseline, regression.RelativeChange], text.FiguresFrom(at, regression.RelativeChange is null ? 2 : 3).Concat(regression.RelativeChange is null ? [null] : Array.Empty<double?>()));
        }
    }

    [Fact]
    public async Task EveryPage_RendersToANonBlankPng_KeptAsATestArtefact()
    {
        var directory = Artifacts.Directory("reports");
        foreach (var (name, pdf) in new[] { ("organisation", demo.OrganisationPdf), ("team-" + DemoReportFixture.Team, demo.TeamPdf) })
        {
            var pages = await PdfPages.RenderAsync(pdf, directory, name);
            var count = (name == "organisation" ? demo.Organisation : demo.TeamReport).GetProperty("pages").GetInt32();

            Assert.Equal(count, pages.Count);
            Assert.True(count >= 2, $"{name}: {count} pages");
            Assert.All(pages, png => Assert.True(PdfPages.InkShare(png) > 0.01, $"{png} is (nearly) blank: {PdfPages.InkShare(png):P2} ink"));
        }
    }

    [Fact]
    public async Task Pdf_IsA4_AndEmbedsItsFonts()
    {
        var file = Path.Combine(Artifacts.Directory("reports"), "fonts-check.pdf");
        await File.WriteAllBytesAsync(file, demo.OrganisationPdf);
        var fonts = await RunAsync("pdffonts", file);
        var info = await RunAsync("pdfinfo", file);

        var rows = fonts.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Matches(@"DejaVuSans(-Bold)?\s+CID TrueType\s+Identity-H\s+yes", row));
        Assert.Contains("(A4)", info, StringComparison.Ordinal);
        Assert.Contains("Platform Insights weekly report", info, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NpsTile_ShowsTheScoreWithItsMarginOfError()
    {
        // The demo organisation answers the NPS survey, so the tile carries the score and its ±margin.
        var answer = await ReportApi.MetricAsync(Api, MetricCatalog.Nps.Name, demo.To.AddDays(-84), demo.To, team: null);
        var summary = answer!.Value.GetProperty("summary");
        var tile = demo.OrganisationText.Words.Skip(demo.OrganisationText.IndexAfter("Developer NPS")).Take(3).ToList();

        Assert.NotNull(ReportApi.Number(summary, "value"));
        Assert.Equal(ReportApi.Number(summary, "value"), PdfText.Number(tile[0]));
        Assert.Equal("±", tile[1]);
        Assert.Equal(ReportApi.Number(summary, "margin_of_error"), PdfText.Number(tile[2]));
    }

    [Fact]
    public async Task Comments_AreTheSurveyApisShownGroups_TheTeamsOwnInItsReport()
    {
        // The demo's campaign is answered in the report's weeks; the PDF prints exactly the comments
        // GET /api/v1/surveys/{id}/comments shows (its privacy rules), every group heard, up to the cap.
        var campaigns = await Api.GetFromJsonAsync<JsonElement>("/api/v1/surveys");
        var campaign = Assert.Single(campaigns.EnumerateArray()).GetProperty("id").GetString();
        var groups = (await Api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{campaign}/comments")).GetProperty("groups").EnumerateArray().ToList();
        var organisation = Shown(groups);
        var team = Shown(groups.Where(g => ReportApi.Text(g, "team") == DemoReportFixture.Team).ToList());
        var total = groups.Sum(g => g.GetProperty("comments").GetArrayLength());
        Assert.True(total > SurveyCommentSource.MaxComments, "the demo has more comments than the report shows");
        Assert.True(organisation.Select(c => c.Split(" — ")[^1]).Distinct().Count() == groups.Count(g => g.GetProperty("comments").GetArrayLength() > 0), "every group is heard");
        Assert.NotEmpty(team);

        AssertComments(demo.OrganisationText, organisation);
        Assert.Contains($"{total - SurveyCommentSource.MaxComments} more in GET /api/v1/surveys/{{id}}/comments.", demo.OrganisationText.All, StringComparison.Ordinal);
        AssertComments(demo.TeamText, team);
    }

    /// <summary>
    /// The comment lines a report prints for these groups: the first comment of each group, then the
    /// second of each, … up to the cap; printed group by group in the API's order.
    /// </summary>
    private static List<string> Shown(IReadOnlyList<JsonElement> groups)
    {
        var lines = groups.SelectMany((g, group) => g.GetProperty("comments").EnumerateArray().Select((c, rank) =>
            (Group: group, Rank: rank, Line: $"“{c.GetString()}” — {ReportApi.Text(g, "team") ?? "other teams"}")));
        return lines.OrderBy(l => l.Rank).ThenBy(l => l.Group).Take(SurveyCommentSource.MaxComments)
            .OrderBy(l => l.Group).ThenBy(l => l.Rank).Select(l => l.Line).ToList();
    }

    /// <summary>The "What developers said" section prints these comment lines, in this order, and no other.</summary>
    private static void AssertComments(PdfText text, IReadOnlyList<string> expected)
    {
        var section = text.All[text.All.IndexOf("What developers said", StringComparison.Ordinal)..];
        var at = 0;
        foreach (var line in expected)
        {
            var found = section.IndexOf(line, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"missing or out of order: {line}\n{section}");
            at = found + line.Length;
        }

        Assert.Equal(expected.Count, System.Text.RegularExpressions.Regex.Count(section, "” — "));
    }

    private async Task AssertKpisAsync(PdfText text, string? team)
    {
        var labels = KpiDefinition.All.Select(k => k.Label).ToList();
        for (var i = 0; i < KpiDefinition.All.Count; i++)
        {
            var kpi = KpiDefinition.All[i];
            var from = kpi.Window == KpiWindow.Week ? demo.From : demo.To.AddDays(-84);
            var answer = await ReportApi.MetricAsync(Api, kpi.Metric.Name, from, demo.To, team);
            // The week before: the 12-week trend's point for it (week tiles), or the window a week earlier.
            var trend = await ReportApi.MetricAsync(Api, kpi.Metric.Name, demo.To.AddDays(-84), demo.To, team);
            var previous = kpi.Window == KpiWindow.Week
                ? trend?.GetProperty("series").EnumerateArray().Single(p => p.GetProperty("period_start").GetString() == $"{demo.From.AddDays(-7):yyyy-MM-dd}")
                : (await ReportApi.MetricAsync(Api, kpi.Metric.Name, from.AddDays(-7), demo.To.AddDays(-7), team))?.GetProperty("summary");
            var start = text.IndexAfter(kpi.Label);
            var end = i + 1 < labels.Count ? text.IndexAfter(labels[i + 1]) : text.IndexAfter("DORA performance level");
            var tile = text.Words.Skip(start).Take(end - start).ToList();
            var value = answer is null ? null : ReportApi.Number(answer.Value.GetProperty("summary"), "value");

            if (answer is null || (kpi.Metric == MetricCatalog.Nps && value is null && answer.Value.GetProperty("summary").TryGetProperty("suppressed", out var s) && s.ValueKind != JsonValueKind.True))
            {
                Assert.Equal(["no", "survey", "data"], tile.Take(3));
                continue;
            }

            if (value is null)
            {
                Assert.True(tile[0] is "—" or "no", $"{kpi.Label}: {string.Join(' ', tile)}");
                continue;
            }

            Assert.True(PdfText.Number(tile[0]) == value, $"{kpi.Label}: the API says {value}; the PDF shows {string.Join(' ', tile)}");
            var summary = answer.Value.GetProperty("summary");
            var before = previous!.Value;
            var was = ReportApi.Number(before, "value");
            var margin = ReportApi.Number(summary, "margin_of_error");
            if (was is { } w && ReportApi.Number(summary, "n") >= 5 && ReportApi.Number(before, "n") >= 5 && Math.Round(value.Value - w, 2) != 0
                && (margin is null || Math.Abs(Math.Round(value.Value - w, 2, MidpointRounding.AwayFromZero)) > margin))
            {
                var delta = Math.Round(value.Value - w, 2, MidpointRounding.AwayFromZero);
                Assert.Contains(ReportNumbers.Signed(delta), tile);
            }
            else
            {
                Assert.DoesNotContain(tile, word => word.StartsWith('+') || word.StartsWith('−'));
            }
        }
    }

    private static string Shown(double? value) => value is { } v ? ReportNumbers.Format(v) : "—";

    private static MetricValues Values(JsonElement summary)
    {
        var values = new MetricValues();
        foreach (var property in summary.EnumerateObject())
        {
            values[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Number => property.Value.TryGetInt64(out var l) && !property.Value.GetRawText().Contains('.', StringComparison.Ordinal) ? l : property.Value.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String => property.Value.GetString(),
                _ => null,
            };
        }

        return values;
    }

    private static async Task<string> RunAsync(string tool, string file)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, [file]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
