using Insights.Domain.Metrics;
using Insights.Reports.Content;
using Insights.Reports.Layout;
using Insights.Reports.Rendering;
using Insights.Reports.Tests.Support;
using Insights.Warehouse.Metrics;

namespace Insights.Reports.Tests.Rendering;

/// <summary>
/// A hand-made report as a VP reads it: whole words for pdftotext, no label touching another or a frame,
/// plain words instead of the API's, numbers with their nouns and signs, changes judged only beyond the noise.
/// </summary>
public sealed class WeeklyReportReadingTests
{
    private static readonly WeeklyReportRenderer Renderer = new(ReportFonts.From(null), minimumGroupSize: 5);

    /// <summary>The sample's data starts on 2 Feb 2026, team red's on 9 Mar: inside the 12 weeks and the regressions' 4 weeks.</summary>
    private static readonly DataStarts LateData = new(new DateOnly(2026, 2, 2), new Dictionary<string, DateOnly> { ["blue"] = new(2026, 2, 2), ["red"] = new(2026, 3, 9) });

    public static TheoryData<string> Kinds => ["organisation", "team", "data starting inside the 12 weeks", "week before the data", "team week before the data", "long team table"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Report_ReadsAsWholeWords_WithNoLabelTouchingAnother_InPlainWords(string kind)
    {
        var pdf = Renderer.Render(Report(kind)).Pdf;
        var name = "reading-" + kind.Replace(' ', '-');

        await ReportReading.AssertWholeWordsAsync(pdf, name);
        ReportReading.AssertNothingTouches(pdf, name);
        ReportReading.AssertPlainWords(PdfText.Read(pdf), name);
        var pages = await PdfPages.RenderAsync(pdf, Artifacts.Directory("reports"), name, dpi: 80);
        Assert.All(pages, png => Assert.True(PdfPages.InkShare(png) > 0.005, $"{png} is blank"));
    }

    [Fact]
    public void LowSample_SaysWhichSideIsSmall_AndHowSmall()
    {
        var previousSmall = Text(With(MetricCatalog.RecoveryTime, SampleReport.Values(3.5, 7, "high"), SampleReport.Values(2, 3)));
        var bothSmall = Text(With(MetricCatalog.RecoveryTime, SampleReport.Values(3.5, 4, "high"), SampleReport.Values(2, 3)));
        var thisSmall = Text(With(MetricCatalog.RecoveryTime, SampleReport.Values(3.5, 1, "high"), SampleReport.Values(2, 30)));

        Assert.Contains("previous week had 3 failures, too few to compare", previousSmall, StringComparison.Ordinal);
        Assert.Contains("4 failures this week, 3 the week before: too few to compare", bothSmall, StringComparison.Ordinal);
        Assert.Contains("only 1 failure this week, too few to compare", thisSmall, StringComparison.Ordinal);
        Assert.DoesNotContain("n <", previousSmall, StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_TakeTheSingular_ForOne()
    {
        var text = Text(With(MetricCatalog.LeadTime, SampleReport.Values(24, 1, "high"), SampleReport.Values(20, 1)));
        var provisioning = SampleReport.Create() with
        {
            Provisioning = SampleReport.Create().Provisioning with { Summary = SampleReport.Values(24, 1, null, ("pending", 1L), ("oldest_pending_hours", 5.0)) },
        };

        Assert.Contains("1 change · 23–29 Mar 2026", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1 changes", text, StringComparison.Ordinal);
        Assert.Contains("Still pending 1 request · the oldest waiting 5 h", PdfText.Read(Renderer.Render(provisioning).Pdf).All, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeFigures_TakeTheMinusSign_LikeTheirChanges()
    {
        var nps = SampleReport.Values(-25, 120, null, ("margin_of_error", 8.5), ("promoters", 20L), ("detractors", 50L));
        var report = SampleReport.Create(nps: nps);
        report = report with { Kpis = [.. report.Kpis.Select(k => k.Definition.Metric == MetricCatalog.Nps ? k with { Previous = SampleReport.Values(-10, 90), Change = KpiChange.Between(k.Definition.Metric, nps, SampleReport.Values(-10, 90)) } : k)] };
        var text = PdfText.Read(Renderer.Render(report).Pdf);

        Assert.Equal(["−25", "±", "8.5", "▼", "−15"], text.Words.Skip(text.IndexAfter("Developer NPS")).Take(5));
        ReportReading.AssertPlainWords(text, "negative NPS");
    }

    [Fact]
    public void TileChange_IsCalledBetterOrWorse_OnlyBeyondTheNoise()
    {
        // Lead time 20.5 → 24 h: 17 % slower, under the 20 % threshold; failures 10 → 26.32 %: 16.32 points, past 5.
        var text = PdfText.Read(Renderer.Render(SampleReport.Create()).Pdf);

        Assert.Equal("▲ +3.5 h vs previous week · little change", string.Join(' ', text.Words.Skip(text.IndexAfter("Lead time (median) 24 h")).Take(9)));
        Assert.Equal("▲ +16.32 pp vs previous week · worse", string.Join(' ', text.Words.Skip(text.IndexAfter("Change failure rate 26.32 %")).Take(8)));
    }

    [Fact]
    public void Regressions_AreNamedInPlainWords_RatesInPercentagePoints()
    {
        var report = SampleReport.Create() with
        {
            Regressions =
            [
                new Regression("red", MetricCatalog.ChangeFailureRate, 26.32, 10, 19, 40, 16.32, 163.2, NoiseRule.Size(MetricCatalog.ChangeFailureRate, 26.32, 10)),
                new Regression("blue", MetricCatalog.LeadTime, 163.04, 86.16, 19, 40, 76.88, 89.2, NoiseRule.Size(MetricCatalog.LeadTime, 163.04, 86.16)),
                new Regression("blue", MetricCatalog.DeploymentFrequency, 7, 10, 7, 40, -3, 30, NoiseRule.Size(MetricCatalog.DeploymentFrequency, 7, 10)),
            ],
        };
        var text = PdfText.Read(Renderer.Render(report).Pdf).All;

        Assert.Contains("red Change failure rate 26.32 % 10 % 16.32 pp higher", text, StringComparison.Ordinal);
        Assert.Contains("blue Lead time 163.04 h 86.16 h 89.2 % slower", text, StringComparison.Ordinal);
        Assert.Contains("blue Deployments per week 7 per week 10 per week 30 % fewer", text, StringComparison.Ordinal);
        Assert.DoesNotContain("163.2 %", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EachRegression_NamesItsRowsOnTheLineUnderIt()
    {
        // SampleReport's regressions carry the rows the items reader gave: failed deployments, slowest changes.
        var text = PdfText.Read(Renderer.Render(SampleReport.Create()).Pdf).All;

        Assert.Contains("red Change failure rate 26.32 % 10 % 16.32 pp higher Failed: red-api-412 (incident), red-api-398 (rollback), red-web-77 (incident) and 2 more", text, StringComparison.Ordinal);
        Assert.Contains("red Lead time 74.5 h 30 h 148.3 % slower Slowest: acme/red-api#412 (130 h), acme/red-api#398 (97.2 h)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Comments_ArePrintedOnce_WithHowManyWroteThem()
    {
        var comments = new NpsCommentsSection(SampleReport.Week.Monday.AddDays(-77), SampleReport.Week.End, 5,
            [new NpsComment("Deploys are boring now, in a good way.", 6, ["checkout", "payments", "search"]), new NpsComment("Docs could be better.", 1, ["payments"])], Omitted: 1);
        var text = PdfText.Read(Renderer.Render(SampleReport.Create() with { Comments = comments }).Pdf).All;

        Assert.Contains("“Deploys are boring now, in a good way.” ×6 — checkout, payments, search", text, StringComparison.Ordinal);
        Assert.Contains("“Docs could be better.” — payments", text, StringComparison.Ordinal);
        Assert.Contains("×6: written by 6 respondents", text, StringComparison.Ordinal);
        Assert.Contains("1 more comment is not shown here.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WeekBeforeTheData_SaysWhenItStarts_AndDrawsNoEmptyChartOrTable()
    {
        var rendered = Renderer.Render(SampleReport.BeforeData());
        var text = PdfText.Read(rendered.Pdf).All;
        var team = PdfText.Read(Renderer.Render(SampleReport.BeforeData(ReportScope.ForTeam("red"))).Pdf).All;

        Assert.Equal(1, rendered.Pages);
        Assert.Contains("No data for this week yet The organisation's data starts on Monday 4 May 2026 (week 2026-W19)", text, StringComparison.Ordinal);
        Assert.Contains("the first report with figures is the one for week 2026-W19", text, StringComparison.Ordinal);
        Assert.Contains("The data of team red starts on Monday 1 Jun 2026 (week 2026-W23)", team, StringComparison.Ordinal);
        foreach (var section in new[] { "DORA performance level", "Teams —", "Top regressions", "Golden path vs other", "Provisioning:", "Platform adoption" })
        {
            Assert.DoesNotContain(section, text, StringComparison.Ordinal);
        }

        // No chart, tile or table: the only lines on the page are the notice's frame (4) and the footer's rule.
        Assert.Equal(5, PdfLayout.Read(rendered.Pdf)[0].Lines.Count);
        await PdfPages.RenderAsync(rendered.Pdf, Artifacts.Directory("reports"), "sample-before-data", dpi: 80);
    }

    [Fact]
    public void WindowsThatStartBeforeTheData_SayHowMuchOfItTheyHold()
    {
        var text = PdfText.Read(Renderer.Render(SampleReport.Create(dataStarts: LateData)).Pdf).All;

        Assert.Contains("The data starts on 2 Feb 2026 (the first production deployment): figures over 12 weeks hold 8 weeks of it", text, StringComparison.Ordinal);
        Assert.Contains("weeks since 2 Feb", text, StringComparison.Ordinal);
        Assert.Contains("The data starts on 2 Feb 2026, so these 12 weeks hold 8 weeks of it.", text, StringComparison.Ordinal);
        Assert.Contains("red Change failure rate 26.32 % 10 % † 16.32 pp higher", text, StringComparison.Ordinal);
        Assert.Contains("† the data starts within those 4 weeks", text, StringComparison.Ordinal);
    }

    private static WeeklyReport Report(string kind) => kind switch
    {
        "organisation" => SampleReport.Create(nps: SampleReport.Values(32, 120, null, ("margin_of_error", 8.5), ("promoters", 50L), ("detractors", 30L))) with
        {
            // As ReportContentBuilder makes it: the stages section is in a team's report only.
            Stages = null,
            Comments = new NpsCommentsSection(SampleReport.Week.Monday.AddDays(-77), SampleReport.Week.End, 5,
                [new NpsComment("Deploys are boring now, in a good way.", 6, ["blue", "red"]), new NpsComment("Waiting on tickets for infrastructure.", 2, ["red"])]),
        },
        "team" => SampleReport.Create(ReportScope.ForTeam("red")) with { GoldenPath = null },
        "data starting inside the 12 weeks" => SampleReport.Create(dataStarts: LateData),
        "week before the data" => SampleReport.BeforeData(),
        "team week before the data" => SampleReport.BeforeData(ReportScope.ForTeam("red")) with { GoldenPath = null, Teams = null },
        "long team table" => SampleReport.Create() with { Teams = [.. Enumerable.Range(1, 60).Select(i => new TeamRow($"team-{i:D2}", SampleReport.Create().Dora, SampleReport.Values(50, 10)))] },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The sample with one week tile's figures replaced.</summary>
    private static WeeklyReport With(MetricDefinition metric, MetricValues current, MetricValues previous)
    {
        var report = SampleReport.Create();
        return report with
        {
            Kpis = [.. report.Kpis.Select(k => k.Definition.Metric == metric ? k with { Current = current, Previous = previous, Change = KpiChange.Between(metric, current, previous) } : k)],
        };
    }

    private static string Text(WeeklyReport report) => PdfText.Read(Renderer.Render(report).Pdf).All;
}
