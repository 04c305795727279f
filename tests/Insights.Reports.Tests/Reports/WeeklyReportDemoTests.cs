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
        // About 45 questions, plus the rows of each named regression (at most 5).
        Assert.InRange(everyTeam, 20, 50);
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
        Assert.Contains($"Benchmark: {dora.GetProperty("benchmark_title").GetString()}.", text.All, StringComparison.Ordinal);
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
    public async Task TeamReport_StandsBesideTheOrganisation_AsTheApiAnswersBoth()
    {
        var dora = await Api.GetFromJsonAsync<JsonElement>($"/api/v1/dora?from={demo.From:yyyy-MM-dd}&to={demo.To:yyyy-MM-dd}");
        var mine = await Api.GetFromJsonAsync<JsonElement>($"/api/v1/dora?from={demo.From:yyyy-MM-dd}&to={demo.To:yyyy-MM-dd}&team={DemoReportFixture.Team}");
        var text = demo.TeamText;
        var table = text.IndexAfter($"Metric Team {DemoReportFixture.Team} band Organisation band");

        foreach (var (team, all) in mine.GetProperty("metrics").EnumerateArray().Zip(dora.GetProperty("metrics").EnumerateArray()))
        {
            var at = text.IndexAfter(ReportText.ShortTitle(team.GetProperty("metric").GetString()!), table);
            Assert.Equal([ReportApi.Number(team.GetProperty("summary"), "value"), ReportApi.Number(all.GetProperty("summary"), "value")], text.FiguresFrom(at, 2));
        }

        Assert.Equal(
            [mine.GetProperty("overall").GetProperty("band").GetString()!, dora.GetProperty("overall").GetProperty("band").GetString()!],
            text.Words.Skip(text.IndexAfter("Overall level", table)).Take(2));
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
        Assert.Equal(
            [ReportApi.Number(provisioning, "self_service_n"), ReportApi.Number(provisioning, "self_service_p50_hours"), ReportApi.Number(provisioning, "self_service_p90_hours")],
            text.FiguresFrom(Fact(text, "Self-service"), 3));
        Assert.Equal(
            [ReportApi.Number(provisioning, "ticket_n"), ReportApi.Number(provisioning, "ticket_p50_hours"), ReportApi.Number(provisioning, "ticket_p90_hours")],
            text.FiguresFrom(Fact(text, "Ticket"), 3));

        // The provisioning fact under its label: "Self-service 86 requests · median …" (the chart's labels come before).
        static int Fact(PdfText text, string label) =>
            Enumerable.Range(0, text.Words.Count - 2).First(i => text.Words[i] == label && text.Words[i + 2] is "requests" or "request") + 1;
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
        var table = text.IndexAfter("Team Metric This week 4 weeks before Change");
        if (expected.Count == 0)
        {
            Assert.Contains("Nothing got worse beyond the noise this week.", text.All, StringComparison.Ordinal);
            return;
        }

        var at = table;
        var named = 0;
        foreach (var regression in expected)
        {
            at = text.IndexAfter($"{regression.Team} {ReportText.ShortTitle(regression.Metric.Name)}", at);
            Assert.Equal([regression.Current, regression.Baseline], text.FiguresFrom(at, 2));
            at = text.IndexAfter(ReportText.Change(regression.Metric, regression.Change, regression.RelativeChange), at);
            if (await NamedRowsAsync(regression) is { } line)
            {
                // The line under the row names the week's worst rows of the items API.
                at = text.IndexAfter(line, at);
                named++;
            }
        }

        // The demo's weeks usually hold a slower lead time or more failures for some team: rows to name.
        Assert.True(named > 0 || expected.All(r => r.Metric.Report?.Contributors is null), "no regression named its rows");
    }

    /// <summary>
    /// The line a regression's rows should read, chosen here from the items API's counted rows of the week:
    /// a time's largest values, a rate's rows on the worse side (value 1 for failures, 0 for adoption).
    /// </summary>
    private async Task<string?> NamedRowsAsync(Regression regression)
    {
        if (regression.Metric.Report?.Contributors is not { } named)
        {
            return null;
        }

        var items = await ReportApi.CountedItemsAsync(Api, regression.Metric.Name, demo.From, demo.To, regression.Team);
        var share = regression.Metric.Items.Reproduces == "share";
        var worse = share
            ? items.Where(i => i.GetProperty("value").GetDouble() == (regression.Metric.HigherIsBetter ? 0 : 1))
                .OrderByDescending(i => i.GetProperty("at").GetString(), StringComparer.Ordinal).ThenBy(i => i.GetProperty("id").GetString(), StringComparer.Ordinal).ToList()
            : items.OrderByDescending(i => i.GetProperty("value").GetDouble()).ThenBy(i => i.GetProperty("id").GetString(), StringComparer.Ordinal).ToList();
        if (worse.Count == 0)
        {
            return null;
        }

        var rows = worse.Take(named.Top).Select(i => new Contributor(
            i.GetProperty("id").GetString()!,
            share ? null : i.GetProperty("value").GetDouble(),
            named.Detail is { } field && i.GetProperty(field).GetString() is { Length: > 0 } detail ? detail : null)).ToList();
        return ReportText.Contributors(new RegressionContributors(named.Label, rows, share ? worse.Count - rows.Count : 0), regression.Metric.Unit);
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
    public async Task Comments_AreTheSurveyApisShownGroups_EachSaidOnceWithItsCount_TheTeamsOwnInItsReport()
    {
        // The demo's campaign is answered in the report's weeks; the PDF prints the comments
        // GET /api/v1/surveys/{id}/comments shows (its privacy rules), each distinct one once with how many
        // wrote it, every group heard.
        var campaigns = await Api.GetFromJsonAsync<JsonElement>("/api/v1/surveys");
        var campaign = Assert.Single(campaigns.EnumerateArray()).GetProperty("id").GetString();
        var groups = (await Api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{campaign}/comments")).GetProperty("groups").EnumerateArray()
            .Select(g => (Group: ReportApi.Text(g, "team") ?? "other teams", Comments: (IReadOnlyList<string>)g.GetProperty("comments").EnumerateArray().Select(c => c.GetString()!).ToList()))
            .Where(g => g.Comments.Count > 0)
            .ToList();
        var organisation = SurveyCommentSource.Digest(groups, SurveyCommentSource.MaxComments);
        var team = SurveyCommentSource.Digest(groups.Where(g => g.Group == DemoReportFixture.Team).ToList(), SurveyCommentSource.MaxComments);
        Assert.Contains(organisation.Shown, c => c.Count > 1);
        Assert.Equal(groups.Select(g => g.Group).Order(), organisation.Shown.SelectMany(c => c.Groups).Distinct().Order());
        Assert.NotEmpty(team.Shown);

        AssertComments(demo.OrganisationText, organisation.Shown.Select(Line).ToList());
        AssertComments(demo.TeamText, team.Shown.Select(Line).ToList());
        if (organisation.Omitted > 0)
        {
            Assert.Contains($"{organisation.Omitted} more comment", demo.OrganisationText.All, StringComparison.Ordinal);
        }

        static string Line(NpsComment c) => $"“{c.Text}”{(c.Count > 1 ? $" ×{c.Count}" : "")} — {string.Join(", ", c.Groups)}";
    }

    [Fact]
    public async Task EveryReport_ReadsAsWholeWords_WithNoLabelTouchingAnother_InPlainWords()
    {
        foreach (var (name, pdf) in new[] { ("organisation", demo.OrganisationPdf), ("team-" + DemoReportFixture.Team, demo.TeamPdf), ("before-data-organisation", demo.BeforeDataOrganisationPdf), ("before-data-team", demo.BeforeDataTeamPdf) })
        {
            await ReportReading.AssertWholeWordsAsync(pdf, "demo-" + name);
            ReportReading.AssertNothingTouches(pdf, "demo-" + name);
            ReportReading.AssertPlainWords(PdfText.Read(pdf), "demo-" + name);
        }
    }

    [Fact]
    public void OrganisationReport_FitsOnTwoPages_AndNoPageIsMostlyBlank()
    {
        // The demo organisation's report used to spill its comments onto a third page, 60 % blank.
        Assert.Equal(2, demo.Organisation.GetProperty("pages").GetInt32());
        foreach (var (name, pdf) in new[] { ("organisation", demo.OrganisationPdf), ("team", demo.TeamPdf) })
        {
            foreach (var page in PdfLayout.Read(pdf).Skip(1))
            {
                Assert.True(PdfLayout.FilledShare(page) >= 0.4, $"{name} page {page.Number} is filled to {PdfLayout.FilledShare(page):P0} of its height");
            }
        }
    }

    [Fact]
    public async Task WeekBeforeTheData_SaysWhenItStarts_OnOnePage_WithoutEmptyCharts()
    {
        var organisation = PdfText.Read(demo.BeforeDataOrganisationPdf).All;
        var team = PdfText.Read(demo.BeforeDataTeamPdf).All;

        Assert.Equal(1, demo.BeforeDataOrganisation.GetProperty("pages").GetInt32());
        Assert.Contains("No data for this week yet The organisation's data starts on", organisation, StringComparison.Ordinal);
        Assert.Contains($"No data for this week yet The data of team {DemoReportFixture.Team} starts on", team, StringComparison.Ordinal);
        var first = Enumerable.Range(0, 7).Select(d => demo.DemoStart.AddDays(d)).First(d => organisation.Contains($"starts on {d.DayOfWeek} {ReportText.Date(d)}", StringComparison.Ordinal));
        Assert.Contains($"(week {IsoWeek.Containing(first)})", organisation, StringComparison.Ordinal);
        Assert.DoesNotContain("Golden path", organisation, StringComparison.Ordinal);
        Assert.DoesNotContain("DORA performance level", organisation, StringComparison.Ordinal);

        var directory = Artifacts.Directory("reports");
        await PdfPages.RenderAsync(demo.BeforeDataOrganisationPdf, directory, "before-data-organisation", dpi: 80);
        await PdfPages.RenderAsync(demo.BeforeDataTeamPdf, directory, "before-data-team", dpi: 80);
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

        Assert.Equal(expected.Count, System.Text.RegularExpressions.Regex.Count(section, "” (×\\d+ )?— "));
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
            var comparable = was is not null && ReportApi.Number(summary, "n") >= 5 && ReportApi.Number(before, "n") >= 5;
            var delta = was is { } w ? Math.Round(value.Value - w, 2, MidpointRounding.AwayFromZero) : 0;
            if (comparable && delta != 0)
            {
                // The difference is shown; "better" or "worse" only beyond the noise (or the NPS margin).
                Assert.Contains(ReportNumbers.Signed(delta), tile);
                var judged = margin is { } m ? Math.Abs(delta) > m : NoiseRule.IsBeyond(kpi.Metric, value.Value, was!.Value);
                Assert.Equal(judged, tile.Contains("better") || tile.Contains("worse"));
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
