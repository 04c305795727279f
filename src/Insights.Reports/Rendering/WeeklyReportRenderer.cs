using Insights.Domain.Metrics;
using Insights.Reports.Charts;
using Insights.Reports.Content;
using Insights.Reports.Layout;
using Insights.Warehouse.Metrics;
using SkiaSharp;

namespace Insights.Reports.Rendering;

/// <summary>
/// Draws a <see cref="WeeklyReport"/> as an A4 PDF: page 1 the KPI tiles and the DORA level; then the
/// team table, the top regressions, golden path against other deployments, provisioning by channel, where
/// lead time goes (its stages) and (when the survey feature provides them) developer comments. Layout goes through Layout/*; no
/// figure is computed here.
/// </summary>
/// <param name="subsetFonts">Embed only the glyphs the report can draw (the default); false embeds the whole font files.</param>
public sealed class WeeklyReportRenderer(ReportFonts fonts, int minimumGroupSize, bool subsetFonts = true)
{
    private const float TileHeight = 104;
    private const float Gutter = 8;

    public RenderedReport Render(WeeklyReport report)
    {
        ChartFontResolver.Install(fonts.Standard);
        var subset = subsetFonts ? fonts.For(ReportText.CharactersOf(report)) : fonts;
        var title = $"{report.Scope.Title} — week {report.Week}";
        using var document = new ReportDocument(
            subset,
            $"Platform Insights weekly report: {title}",
            $"Platform adoption and DORA metrics for {ReportText.Range(report.Week.Monday, report.Week.End)}",
            report.GeneratedAt,
            $"Platform Insights · weekly report · {report.Scope.Title} · {report.Week}");

        var page = document.NewPage();
        FirstPage(page, report, title);

        page = document.NewPage();
        if (report.Teams is not null)
        {
            page = Teams(document, page, report);
        }

        page = Regressions(document, page, report);
        if (report.GoldenPath is not null)
        {
            page = GoldenPath(document, page, report.GoldenPath);
        }

        page = Provisioning(document, page, report);
        if (report.Stages is not null)
        {
            page = Stages(document, page, report.Stages);
        }

        if (report.Comments is not null)
        {
            Comments(document, page, report.Comments);
        }

        return new RenderedReport(document.Finish(), document.PageCount);
    }

    private void FirstPage(ReportPage page, WeeklyReport report, string title)
    {
        var kicker = page.Take(ReportPage.LineHeight(TextStyle.Kicker));
        page.DrawText("PLATFORM INSIGHTS · WEEKLY REPORT", kicker.Left, kicker.Top + TextStyle.Kicker.Size, TextStyle.Kicker);
        var heading = page.Take(ReportPage.LineHeight(TextStyle.Title));
        page.DrawText(title, heading.Left, heading.Top + TextStyle.Title.Size, TextStyle.Title);
        page.Paragraph(
            $"Monday {ReportText.Date(report.Week.Monday)} to Sunday {ReportText.Date(report.Week.Sunday)} (UTC days) · generated {ReportText.Timestamp(report.GeneratedAt)}",
            TextStyle.Subtitle,
            gapAfter: 8);

        var tiles = page.Take((4 * TileHeight) + (3 * Gutter), 12);
        var cells = Grid.Cells(tiles, columns: 2, rows: 4, Gutter);
        for (var i = 0; i < report.Kpis.Count && i < cells.Count; i++)
        {
            Tile.Draw(page, cells[i], KpiTilePresenter.Present(report.Kpis[i], minimumGroupSize));
        }

        DoraLevel(page, report);
        page.Paragraph(
            "How to read: every figure is what GET /api/v1/metrics/{metric} answers for the same range and scope. Changes compare with the week before (its point in the 12-week trend), " +
            "or for 12-week figures with the 12 weeks ending a week earlier; " +
            $"they are not shown when either side has fewer than {KpiChange.MinimumSample} items (low sample) or, for NPS, when they are inside the margin of error. " +
            "Onboarding time and NPS cover the 12 weeks ending with this week. Trends: one point per ISO week, the last is this week.",
            TextStyle.Note);
    }

    private static void DoraLevel(ReportPage page, WeeklyReport report)
    {
        page.Heading("DORA performance level");
        var boxes = new List<(string Label, string Band, string Detail, bool Emphasised)>();
        foreach (var key in report.Dora.Metrics.Take(4))
        {
            boxes.Add((DoraLabel(key.Metric), ReportText.Upper(key.Summary.Band) + (key.Summary.Band is not null && key.Summary.LowSample ? " *" : ""), ReportText.WithUnit(key.Summary.Value, key.Unit), false));
        }

        var overall = report.Dora.Overall;
        var limited = overall.LimitedBy.Count == 0 ? "no key could be rated" : "limited by " + string.Join(", ", overall.LimitedBy.Select(DoraLabel).Select(t => t.ToLowerInvariant()));
        boxes.Add(("Overall level", ReportText.Upper(overall.Band), limited, true));

        // The row is as tall as its longest detail: all four keys can limit the overall level, and a
        // reader must see every one of them (a fixed height used to cut the third off).
        var width = Grid.Cells(new SKRect(page.Content.Left, 0, page.Content.Right, DoraBoxMinimumHeight), columns: 5, rows: 1, Gutter)[0].Width - (2 * DoraBoxPadding);
        var detailLines = boxes.Select(b => page.Wrap(b.Detail, TextStyle.Note, width)).ToList();
        var lastBaseline = DoraFirstDetailBaseline + ((detailLines.Max(l => l.Count) - 1) * ReportPage.LineHeight(TextStyle.Note));
        var height = Math.Max(DoraBoxMinimumHeight, lastBaseline + DoraBoxBottomPadding);
        var cells = Grid.Cells(page.Take(height, 6), columns: 5, rows: 1, Gutter);
        for (var i = 0; i < boxes.Count; i++)
        {
            DoraBox(page, cells[i], boxes[i].Label, boxes[i].Band, detailLines[i], boxes[i].Emphasised);
        }

        var notRated = overall.NotRated.Count == 0 ? "" : $" Not rated (no data): {string.Join(", ", overall.NotRated.Select(ReportText.ShortTitle).Select(t => t.ToLowerInvariant()))}.";
        page.Paragraph(
            $"Benchmark set: {report.BenchmarkTitle} ({report.Benchmark}). The overall level is the weakest rated key. * low sample (n < {KpiChange.MinimumSample}): the band is shown but rests on few items.{notRated}",
            TextStyle.Note,
            gapAfter: 8);
    }

    private const float DoraBoxMinimumHeight = 58;
    private const float DoraBoxPadding = 6;
    private const float DoraFirstDetailBaseline = 42;
    private const float DoraBoxBottomPadding = 6.25f;  // below the last baseline: descenders and air

    private static string DoraLabel(string metric) =>
        MetricCatalog.TryGet(metric, out var definition) && definition.Report?.DoraLabel is { } label ? label : ReportText.ShortTitle(metric);

    private static void DoraBox(ReportPage page, SKRect box, string label, string band, IReadOnlyList<string> detail, bool emphasised)
    {
        page.Fill(box, emphasised ? Palette.HeaderShade : Palette.Shade);
        page.Stroke(box, emphasised ? Palette.Ink : Palette.Rule, emphasised ? 1.2f : 0.6f);
        var x = box.Left + DoraBoxPadding;
        var textWidth = box.Width - (2 * DoraBoxPadding);
        page.DrawText(page.Fit(label, TextStyle.TileLabel, textWidth), x, box.Top + 12, TextStyle.TileLabel);
        page.DrawText(page.Fit(band, TextStyle.TileWords.WithColor(Palette.Ink), textWidth), x, box.Top + 29, TextStyle.TileWords.WithColor(Palette.Ink));
        var y = box.Top + DoraFirstDetailBaseline;
        foreach (var line in detail)
        {
            page.DrawText(page.Fit(line, TextStyle.Note, textWidth), x, y, TextStyle.Note);
            y += ReportPage.LineHeight(TextStyle.Note);
        }
    }

    private static ReportPage Teams(ReportDocument document, ReportPage page, WeeklyReport report)
    {
        page.Heading($"Teams — week {report.Week}");
        page.Paragraph(
            $"Each team's four keys and platform adoption for the week, with the band from {report.BenchmarkTitle}; deploys = production deployments in the week; level = the team's weakest rated key. " +
            $"* low sample (n < {KpiChange.MinimumSample}). — no data.",
            TextStyle.Note);
        // The four keys with their bands, then the team-table metric (the manifests' report.column).
        var columns = new List<TableColumn> { new("Team", 64) };
        foreach (var key in MetricCatalog.FourKeys)
        {
            columns.Add(new(key.Report?.Column ?? ReportText.ShortTitle(key.Name), 50, Align.Right));
            columns.Add(new("band", 40));
        }

        columns.AddRange(MetricCatalog.All.Where(m => m.Report?.TeamTable == true).Select(m => new TableColumn(m.Report!.Column ?? ReportText.ShortTitle(m.Name), 50, Align.Right)));
        columns.Add(new("Level", 40));
        var table = new Table(columns);
        var rows = report.Teams!.Select(t =>
        {
            var cells = new List<string> { t.Team };
            foreach (var metric in MetricCatalog.FourKeys)
            {
                var key = t.Dora.Metrics.First(k => k.Metric == metric.Name).Summary;
                cells.Add(ReportText.Value(key.Value));
                cells.Add(ReportText.Band(key));
            }

            cells.Add(ReportText.Value(t.Adoption.Value));
            cells.Add(t.Dora.Overall.Band ?? ReportText.NoData);
            return (IReadOnlyList<string>)cells;
        }).ToList();
        if (rows.Count == 0)
        {
            page.Paragraph("No team in the catalog yet (push services with their team to see one here).", TextStyle.Body);
            return page;
        }

        return table.Draw(document, page, rows);
    }

    private static ReportPage Regressions(ReportDocument document, ReportPage page, WeeklyReport report)
    {
        page = Ensure(document, page, 90);
        page.Heading("Top regressions");
        page.Paragraph(
            $"The figures that got most worse this week against the {RegressionFinder.BaselineWeeks} weeks before ({ReportText.Range(report.Week.Monday.AddDays(-7 * RegressionFinder.BaselineWeeks), report.Week.Monday)}), " +
            $"in percent of that baseline; figures with fewer than {KpiChange.MinimumSample} items on either side are ignored. Watched: the four keys and platform adoption" +
            (report.Scope.IsOrganisation ? ", per team." : "."),
            TextStyle.Note);
        if (report.Regressions.Count == 0)
        {
            page.Paragraph("Nothing got worse beyond the noise this week.", TextStyle.Body, gapAfter: 10);
            return page;
        }

        var table = new Table(
        [
            new(report.Scope.IsOrganisation ? "Team" : "Scope", 2f),
            new("Metric", 2.6f),
            new("This week", 1.3f, Align.Right),
            new("4 weeks before", 1.4f, Align.Right),
            new("Worse by", 1.2f, Align.Right),
        ]);
        var rows = report.Regressions.Select(r => (IReadOnlyList<string>)
        [
            r.Team ?? report.Scope.Title,
            ReportText.ShortTitle(r.Metric.Name),
            ReportText.WithUnit(r.Current, r.Metric.Unit),
            ReportText.WithUnit(r.Baseline, r.Metric.Unit),
            r.RelativeChange is { } pct ? $"{ReportNumbers.Format(pct)} %" : "from 0",
        ]).ToList();
        return table.Draw(document, page, rows);
    }

    private static ReportPage GoldenPath(ReportDocument document, ReportPage page, GoldenPathSection section)
    {
        page = Ensure(document, page, 250);
        page.Heading($"Golden path vs other deployments — {ReportText.Range(section.From, section.To)}");
        page.Paragraph(
            "Production deployments through a golden path (marked by their source, or a pipeline matching metrics.golden_path_pipelines) against all others, " +
            "over the 12 weeks ending with the report week: the metrics with golden_path=true and golden_path=false.",
            TextStyle.Note);
        var charts = Grid.Cells(page.Take(120, 6), columns: section.Metrics.Count, rows: 1, Gutter);
        for (var i = 0; i < section.Metrics.Count; i++)
        {
            var comparison = section.Metrics[i];
            var plot = BarChart.Create(
                comparison.Metric.Report?.ChartTitle ?? ReportText.ShortTitle(comparison.Metric.Name),
                ReportNumbers.Unit(comparison.Metric.Unit),
                [new ChartBar("Golden path", comparison.GoldenPath.Value, Dark: true), new ChartBar("Other", comparison.Other.Value, Dark: false)]);
            PlotRenderer.Draw(page.Canvas, charts[i], plot);
        }

        var table = new Table(
        [
            new("Metric", 2.6f),
            new("Golden path", 1.4f, Align.Right),
            new("n", 0.8f, Align.Right),
            new("Other", 1.4f, Align.Right),
            new("n", 0.8f, Align.Right),
        ]);
        var rows = section.Metrics.Select(c => (IReadOnlyList<string>)
        [
            ReportText.ShortTitle(c.Metric.Name),
            ReportText.WithUnit(c.GoldenPath.Value, c.Metric.Unit),
            ReportText.Value(c.GoldenPath.N),
            ReportText.WithUnit(c.Other.Value, c.Metric.Unit),
            ReportText.Value(c.Other.N),
        ]).ToList();
        return table.Draw(document, page, rows);
    }

    private static ReportPage Provisioning(ReportDocument document, ReportPage page, WeeklyReport report)
    {
        var section = report.Provisioning;
        page = Ensure(document, page, 200);
        page.Heading($"Provisioning: self-service vs ticket — {ReportText.Range(section.From, section.To)}");
        page.Paragraph(
            "Hours from request to ready, for requests that became ready in the 12 weeks ending with the report week, by channel (the provisioning-time breakdown).",
            TextStyle.Note);
        var band = page.Take(120, 6);
        var halves = Grid.Columns(band, [1f, 1f], Gutter * 2);
        var plot = BarChart.Create(
            "Median and p90 hours",
            "h",
            [
                new ChartBar("Self p50", section.SelfServiceP50, Dark: true),
                new ChartBar("Self p90", section.SelfServiceP90, Dark: true),
                new ChartBar("Ticket p50", section.TicketP50, Dark: false),
                new ChartBar("Ticket p90", section.TicketP90, Dark: false),
            ]);
        PlotRenderer.Draw(page.Canvas, halves[0], plot);

        var facts = halves[1];
        var y = facts.Top + 14;
        foreach (var (label, text) in new[]
        {
            ("Self-service", $"{ReportText.Value(section.SelfServiceN)} requests · median {ReportText.WithUnit(section.SelfServiceP50, "hours")} · p90 {ReportText.WithUnit(section.SelfServiceP90, "hours")}"),
            ("Ticket", $"{ReportText.Value(section.TicketN)} requests · median {ReportText.WithUnit(section.TicketP50, "hours")} · p90 {ReportText.WithUnit(section.TicketP90, "hours")}"),
            ("All requests", $"{ReportText.Value(section.Summary.N)} · median {ReportText.WithUnit(section.Summary.Value, "hours")}"),
            ("Still pending", Pending(section.Summary)),
        })
        {
            page.DrawText(label, facts.Left, y, TextStyle.TileLabel);
            page.DrawText(page.Fit(text, TextStyle.Body, facts.Width), facts.Left, y + 12, TextStyle.Body);
            y += 28;
        }

        return page;
    }

    private static ReportPage Stages(ReportDocument document, ReportPage page, StagesSection section)
    {
        var metric = section.Metric;
        page = Ensure(document, page, 220);
        page.Heading($"{section.Title} — {ReportText.Range(section.From, section.To)}");
        page.Paragraph(
            $"Median hours of each stage, for the {metric.Report?.CountNoun} counted in {ReportText.ShortTitle(metric.Name).ToLowerInvariant()} in the 12 weeks ending with the report week (the {metric.Name} breakdown). " +
            "Each one's stages add up to its own total; the medians of the stages need not add up to the median.",
            TextStyle.Note);
        var band = page.Take(132, 6);
        var halves = Grid.Columns(band, [1f, 1f], Gutter * 2);
        var plot = BarChart.Create("Median hours per stage", "h", [.. section.Stages.Select((s, i) => new ChartBar(s.Name, s.Hours, Dark: i % 2 == 0))]);
        PlotRenderer.Draw(page.Canvas, halves[0], plot);

        var facts = halves[1];
        var y = facts.Top + 14;
        var lines = section.Stages.Select(s => (s.Name, $"median {ReportText.WithUnit(s.Hours, "hours")} · {s.About}"))
            .Append(("All", $"{ReportText.Value(section.Summary.N)} {metric.Report?.CountNoun} · median {ReportText.WithUnit(section.Summary.Value, metric.Unit)}"));
        foreach (var (label, text) in lines)
        {
            page.DrawText(label, facts.Left, y, TextStyle.TileLabel);
            page.DrawText(page.Fit(text, TextStyle.Body, facts.Width), facts.Left, y + 12, TextStyle.Body);
            y += 24;
        }

        return page;
    }

    private static string Pending(MetricValues summary) => summary.Number("pending") switch
    {
        null => "—",
        0 => "none",
        var pending => $"{ReportText.Value(pending)} · oldest waiting {ReportText.WithUnit(summary.Number("oldest_pending_hours"), "hours")}",
    };

    private static void Comments(ReportDocument document, ReportPage page, NpsCommentsSection section)
    {
        page = Ensure(document, page, 80);
        page.Heading("What developers said");
        page.Paragraph(
            $"Comments of the surveys answered {ReportText.Range(section.From, section.To)}: each respondent's latest answer, only from groups of at least {section.Threshold} respondents.",
            TextStyle.Note);
        if (section.Comments.Count == 0)
        {
            page.Paragraph("No comment from a group large enough to show.", TextStyle.Body);
        }

        foreach (var comment in section.Comments)
        {
            page = Ensure(document, page, 30);
            page.Paragraph($"“{comment.Text}” — {comment.Group}", TextStyle.Body);
        }

        if (section.Omitted > 0)
        {
            page.Paragraph($"{section.Omitted} more in GET /api/v1/surveys/{{id}}/comments.", TextStyle.Note);
        }
    }

    /// <summary>The page, or a new one when fewer than <paramref name="height"/> points are left.</summary>
    private static ReportPage Ensure(ReportDocument document, ReportPage page, float height) =>
        page.Remaining < height ? document.NewPage() : page;
}
