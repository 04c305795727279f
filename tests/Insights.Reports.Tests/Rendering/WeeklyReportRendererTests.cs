using Insights.Domain.Metrics;
using Insights.Reports.Content;
using Insights.Reports.Layout;
using Insights.Reports.Rendering;
using Insights.Reports.Tests.Support;
using Insights.Warehouse.Metrics;
using UglyToad.PdfPig;

namespace Insights.Reports.Tests.Rendering;

/// <summary>Drawing a hand-made report (no warehouse): what each case looks like in the PDF's text.</summary>
public sealed class WeeklyReportRendererTests
{
    private static readonly WeeklyReportRenderer Renderer = new(ReportFonts.From(null), minimumGroupSize: 5);

    [Fact]
    public void NpsTile_ShowsTheScoreWithItsMargin_WhenSurveyDataExists()
    {
        var nps = SampleReport.Values(32, 120, null, ("margin_of_error", 8.5), ("promoters", 50L), ("detractors", 30L));
        var text = PdfText.Read(Renderer.Render(SampleReport.Create(nps: nps)).Pdf);

        var tile = text.Words.Skip(text.IndexAfter("Developer NPS")).Take(4).ToList();

        Assert.Equal(["32", "±", "8.5", "▲"], tile);
        Assert.Contains("+12", text.Words);
    }

    [Fact]
    public void NpsTile_SaysNoSurveyData_WhenThereAreNoAnswers_AndWhyWhenTheMetricIsRefused()
    {
        var unavailable = PdfText.Read(Renderer.Render(SampleReport.Create()).Pdf);
        var empty = PdfText.Read(Renderer.Render(SampleReport.Create(nps: SampleReport.Values(null, 0))).Pdf);

        Assert.Equal("not available not computed by this version of Platform Insights", string.Join(' ', unavailable.Words.Skip(unavailable.IndexAfter("Developer NPS")).Take(10)));
        Assert.Equal(["no", "survey", "data", "no", "answers"], empty.Words.Skip(empty.IndexAfter("Developer NPS")).Take(5));
    }

    [Fact]
    public void SuppressedFigure_IsShownAsADash_WithTheReason()
    {
        var text = PdfText.Read(Renderer.Render(SampleReport.Create()).Pdf);

        Assert.Equal("—", text.WordAfter("Onboarding time (median)"));
        Assert.Contains("fewer than 5 in the group: not shown (privacy)", text.All, StringComparison.Ordinal);
    }

    [Fact]
    public void TeamReport_HasNoTeamTableNorGoldenPathSection()
    {
        var report = SampleReport.Create(ReportScope.ForTeam("red")) with { GoldenPath = null };
        var text = PdfText.Read(Renderer.Render(report).Pdf).All;

        Assert.Contains("Team red — week 2026-W13", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Teams — week", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Golden path vs other", text, StringComparison.Ordinal);
        Assert.Contains("Top regressions", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LongTeamTable_ContinuesOnTheNextPage_UnderItsHeader()
    {
        var sample = SampleReport.Create();
        var teams = Enumerable.Range(1, 90).Select(i => new TeamRow($"team-{i:D2}", sample.Dora, SampleReport.Values(50, 10))).ToList();
        var rendered = Renderer.Render(sample with { Teams = teams });
        var text = PdfText.Read(rendered.Pdf);

        Assert.True(rendered.Pages >= 4, $"{rendered.Pages} pages");
        Assert.All(Enumerable.Range(1, 90), i => Assert.Contains($"team-{i:D2}", text.Words));
        var pagesWithTable = text.Pages.Where(p => p.Any(w => w.StartsWith("team-", StringComparison.Ordinal))).ToList();
        Assert.True(pagesWithTable.Count >= 2);
        Assert.All(pagesWithTable, page => Assert.Contains("Deploys", page));
    }

    [Fact]
    public void OverallLevel_NamesEveryKeyThatLimitsIt_EvenWhenAllFourDo()
    {
        var sample = SampleReport.Create();
        var allFour = sample.Dora with { Overall = new DoraOverall("high", [.. MetricCatalog.FourKeys.Select(k => k.Name)], []) };
        var text = PdfText.Read(Renderer.Render(sample with { Dora = allFour }).Pdf);

        var box = text.IndexAfter("Overall level HIGH");
        Assert.Equal(
            "limited by deployments, lead time, failure rate, recovery time",
            string.Join(' ', text.Words.Skip(box).TakeWhile(w => w != "Benchmark:")));
    }

    [Fact]
    public void PendingRequests_ShowTheOldestWait_OrNone()
    {
        var sample = SampleReport.Create();
        var nonePending = sample.Provisioning with { Summary = SampleReport.Values(24, 5, null, ("pending", 0L), ("oldest_pending_hours", null)) };

        var pending = PdfText.Read(Renderer.Render(sample).Pdf);
        var none = PdfText.Read(Renderer.Render(sample with { Provisioning = nonePending }).Pdf);

        Assert.Equal("2 requests · the oldest waiting 230 h", string.Join(' ', pending.Words.Skip(pending.IndexAfter("Still pending")).Take(8)));
        Assert.Equal("none", none.WordAfter("Still pending"));
    }

    [Fact]
    public void LeadTimeStages_ShowEachStagesMedian_AndWhatItMeasures()
    {
        var text = PdfText.Read(Renderer.Render(SampleReport.Create()).Pdf);

        Assert.Contains("Where lead time goes — 5 Jan – 29 Mar 2026", text.All, StringComparison.Ordinal);
        var facts = text.IndexAfter("Median hours per stage");
        Assert.Equal(["median", "6.5", "h", "·", "first", "commit", "→"], text.Words.Skip(text.IndexAfter("Coding", facts)).Take(7));
        // Each stage's span whole, without the exceptions a line cannot hold ("(null when merged without a review)").
        Assert.Equal(["median", "3.25", "h", "·", "put", "up", "for", "review", "→", "first", "review", "Review"], text.Words.Skip(text.IndexAfter("Pickup", facts)).Take(12));
        Assert.Equal(["median", "1.5", "h"], text.Words.Skip(text.IndexAfter("Review", facts)).Take(3));
        Assert.Equal(["median", "19", "h"], text.Words.Skip(text.IndexAfter("Deploy", facts)).Take(3));
        Assert.Equal(["42", "changes", "·", "median", "30.5", "h"], text.Words.Skip(text.IndexAfter("All", facts)).Take(6));
    }

    [Fact]
    public void LeadTimeStages_OfARangeWithoutChanges_SayNoData()
    {
        var sample = SampleReport.Create();
        var empty = StagesSection.Of(MetricCatalog.LeadTime, sample.Stages!.From, sample.Stages.To, SampleReport.Values(null, 0), new Dictionary<string, double?>());

        var text = PdfText.Read(Renderer.Render(sample with { Stages = empty }).Pdf).All;

        Assert.Contains("Coding median — · first commit → put up for review", text, StringComparison.Ordinal);
        Assert.Contains("Deploy median — · merged → deployed", text, StringComparison.Ordinal);
        Assert.Contains("All 0 changes · median —", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Comments_AreShown_WhenASourceProvidesThem()
    {
        var comments = new NpsCommentsSection(SampleReport.Week.Monday.AddDays(-77), SampleReport.Week.End, 5, [new NpsComment("The golden path saved us a week.", 1, ["payments"])]);
        var text = PdfText.Read(Renderer.Render(SampleReport.Create() with { Comments = comments }).Pdf).All;
        var without = PdfText.Read(Renderer.Render(SampleReport.Create()).Pdf).All;

        Assert.Contains("What developers said", text, StringComparison.Ordinal);
        Assert.Contains("The golden path saved us a week.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("What developers said", without, StringComparison.Ordinal);
    }

    [Fact]
    public void Comments_SayWhenNoGroupIsLargeEnough_AndHowManyWereLeftOut()
    {
        var none = new NpsCommentsSection(SampleReport.Week.Monday.AddDays(-77), SampleReport.Week.End, 5, []);
        var capped = new NpsCommentsSection(SampleReport.Week.Monday.AddDays(-77), SampleReport.Week.End, 5, [new NpsComment("Fine.", 1, ["other teams"])], Omitted: 7);

        var noneText = PdfText.Read(Renderer.Render(SampleReport.Create() with { Comments = none }).Pdf).All;
        var cappedText = PdfText.Read(Renderer.Render(SampleReport.Create() with { Comments = capped }).Pdf).All;

        Assert.Contains("No comment from a group large enough to show.", noneText, StringComparison.Ordinal);
        Assert.Contains("“Fine.” — other teams", cappedText, StringComparison.Ordinal);
        Assert.Contains("7 more comments are not shown here.", cappedText, StringComparison.Ordinal);
        Assert.DoesNotContain("No comment from a group", cappedText, StringComparison.Ordinal);
    }

    [Fact]
    public void Fonts_AreCutToWhatTheReportDraws_AndTheTextIsTheSame()
    {
        // Data beyond the fixed repertoire (Greek, Cyrillic, a dingbat, a fraction) must still be drawn.
        var sample = SampleReport.Create();
        var teams = new[] { "Ωmega", "Жар-птица", "payments" }.Select(t => new TeamRow(t, sample.Dora, SampleReport.Values(50, 10))).ToList();
        var comments = new NpsCommentsSection(SampleReport.Week.Monday.AddDays(-77), SampleReport.Week.End, 5, [new NpsComment("Naïve café ✓ — ½ the wait, ≥ 2× faster…", 1, ["Ωmega"])]);
        var report = sample with { Teams = teams, Comments = comments };

        var whole = new WeeklyReportRenderer(ReportFonts.From(null), minimumGroupSize: 5, subsetFonts: false).Render(report).Pdf;
        var cut = Renderer.Render(report).Pdf;

        Assert.True(whole.Length > 700_000, $"whole fonts: {whole.Length} bytes");
        Assert.True(cut.Length < whole.Length / 3, $"subset {cut.Length} bytes, whole {whole.Length} bytes");
        using var wholePdf = PdfDocument.Open(whole);
        using var cutPdf = PdfDocument.Open(cut);
        Assert.Equal(wholePdf.NumberOfPages, cutPdf.NumberOfPages);
        foreach (var (expected, actual) in wholePdf.GetPages().Zip(cutPdf.GetPages()))
        {
            Assert.Equal(string.Concat(expected.Letters.Select(l => l.Value)), string.Concat(actual.Letters.Select(l => l.Value)));
            Assert.Equal(expected.Letters.Select(l => Math.Round(l.StartBaseLine.X, 1)), actual.Letters.Select(l => Math.Round(l.StartBaseLine.X, 1)));
        }

        var text = PdfText.Read(cut).All;
        Assert.Contains("Жар-птица", text, StringComparison.Ordinal);
        Assert.Contains("Naïve café ✓ — ½ the wait, ≥ 2× faster…", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportWithPlainData_EmbedsEachFaceOnce_AsASmallSubset()
    {
        var pdf = Renderer.Render(SampleReport.Create()).Pdf;

        Assert.True(pdf.Length < 200_000, $"{pdf.Length} bytes");
        using var document = PdfDocument.Open(pdf);
        var fonts = document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName ?? "").Distinct().ToList();
        Assert.Equal(2, fonts.Count);
    }

    [Fact]
    public void Pages_AreA4_WithTheFontsEmbedded()
    {
        using var pdf = PdfDocument.Open(Renderer.Render(SampleReport.Create()).Pdf);

        Assert.All(pdf.GetPages(), page =>
        {
            Assert.Equal(595.28, page.Width, 0.5);
            Assert.Equal(841.89, page.Height, 0.5);
        });
        var fonts = pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName ?? "").Distinct().ToList();
        Assert.Equal(["DejaVuSans", "DejaVuSans-Bold"], fonts.Select(f => f.Split('+').Last()).Distinct().Order());
    }
}
