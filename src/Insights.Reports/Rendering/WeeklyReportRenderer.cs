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
    private const float TileHeight = 96;
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
        if (report.BeforeData)
        {
            // Nothing measured yet: no empty tables or charts, only what does have figures (requests and
            // survey answers can come before the first deployment).
            if (report.Provisioning.Summary.N > 0)
            {
                page = Provisioning(document, page, report);
            }

            if (report.Comments is { Comments.Count: > 0 })
            {
                Comments(document, page, report.Comments);
            }

            return new RenderedReport(document.Finish(), document.PageCount);
        }

        // What got worse is page 1's last word; the details follow from page 2 (a long regression table
        // may have carried on there already).
        page = Regressions(document, page, report);
        if (page.Number == 1)
        {
            page = document.NewPage();
        }

        if (report.Teams is not null)
        {
            page = Teams(document, page, report);
        }

        if (report.Organisation is not null)
        {
            page = AgainstTheOrganisation(document, page, report, report.Organisation);
        }

        if (report.GoldenPath is not null)
        {
            page = GoldenPath(document, page, report.GoldenPath, report.DataFrom);
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

        if (report.BeforeData)
        {
            NoDataYet(page, report);
            var measured = report.Kpis.Where(k => k.Current?.Value is not null).ToList();
            if (measured.Count > 0)
            {
                var rows = (measured.Count + 1) / 2;
                var area = page.Take((rows * TileHeight) + ((rows - 1) * Gutter), 12);
                var some = Grid.Cells(area, columns: 2, rows: rows, Gutter);
                for (var i = 0; i < measured.Count; i++)
                {
                    Tile.Draw(page, some[i], KpiTilePresenter.Present(measured[i], minimumGroupSize, report.DataFrom));
                }
            }

            return;
        }

        if (report.DataFrom is { } first && first > report.Week.End.AddDays(-7 * ReportContentBuilder.TrailingWeeks))
        {
            page.Paragraph(
                $"The data starts on {ReportText.Date(first)} (the first production deployment): figures over 12 weeks hold {ReportText.Weeks(CoveredWeeks(first, report.Week.End))} of it, and trends start there.",
                TextStyle.Note,
                gapAfter: 6);
        }

        var tiles = page.Take((4 * TileHeight) + (3 * Gutter), 12);
        var cells = Grid.Cells(tiles, columns: 2, rows: 4, Gutter);
        for (var i = 0; i < report.Kpis.Count && i < cells.Count; i++)
        {
            Tile.Draw(page, cells[i], KpiTilePresenter.Present(report.Kpis[i], minimumGroupSize, report.DataFrom));
        }

        DoraLevel(page, report);
        page.Paragraph(
            "How to read: every figure is what Platform Insights' metrics give for this week and scope, the same numbers as its dashboards. " +
            "A change compares with the week before (12-week figures: with the 12 weeks ending a week earlier) and is called better or worse only beyond the noise: " +
            $"both sides have at least {NoiseRule.MinimumSample} items, and it reaches {ReportNumbers.Format(NoiseRule.RatePoints)} percentage points (pp) for a rate " +
            $"or {ReportNumbers.Format(NoiseRule.RelativePercent)} % for a time or a count (NPS: its margin of error). Trends: a point per week, the last is this week.",
            TextStyle.Note,
            gapAfter: 6);
    }

    /// <summary>The box that says a week comes before the scope's data, instead of empty tiles and charts.</summary>
    private static void NoDataYet(ReportPage page, WeeklyReport report)
    {
        // "The data of team payments": a possessive after a team name reads badly ("payments's").
        var who = report.Scope.IsOrganisation ? "The organisation's data" : $"The data of team {report.Scope.Team}";
        var text = report.DataFrom is { } first
            ? $"{who} starts on {first.DayOfWeek} {ReportText.Date(first)} (week {Weeks.IsoWeek.Containing(first)}), with its first production deployment. " +
              $"This week ended before that, so there is nothing to measure yet; the first report with figures is the one for week {Weeks.IsoWeek.Containing(first)}."
            : $"There is no production deployment for {(report.Scope.IsOrganisation ? "the organisation" : $"team {report.Scope.Team}")} yet, so there is nothing to measure. " +
              "The first report with figures will be the one for the week of its first production deployment.";
        const float padding = 10;
        var lines = page.Wrap(text, TextStyle.Body, page.Content.Width - (2 * padding));
        var height = padding + ReportPage.LineHeight(TextStyle.Heading) + (lines.Count * ReportPage.LineHeight(TextStyle.Body)) + padding;
        var box = page.Take(height, 12);
        page.Fill(box, Palette.Shade);
        page.Stroke(box, Palette.Muted, 0.8f);
        var y = box.Top + padding + TextStyle.Heading.Size;
        page.DrawText("No data for this week yet", box.Left + padding, y, TextStyle.Heading);
        y += ReportPage.LineHeight(TextStyle.Heading) - TextStyle.Heading.Size + TextStyle.Body.Size + 2;
        foreach (var line in lines)
        {
            page.DrawText(line, box.Left + padding, y, TextStyle.Body);
            y += ReportPage.LineHeight(TextStyle.Body);
        }
    }

    /// <summary>The weeks of data in a window that ends on <paramref name="to"/> (exclusive) and starts no later than <paramref name="dataFrom"/>.</summary>
    private static double CoveredWeeks(DateOnly dataFrom, DateOnly to) =>
        Math.Round((to.DayNumber - dataFrom.DayNumber) / 7.0, 1, MidpointRounding.AwayFromZero);

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
            $"Benchmark: {report.BenchmarkTitle}. Overall level: the weakest rated key. * fewer than {NoiseRule.MinimumSample} items.{notRated}",
            TextStyle.Note,
            gapAfter: 6);
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
            $"* fewer than {NoiseRule.MinimumSample} items. — no data.",
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
        page = Ensure(document, page, 70);
        page.Heading("Top regressions");
        var baselineFrom = report.Week.Monday.AddDays(-7 * RegressionFinder.BaselineWeeks);
        page.Paragraph(
            $"Worse than in the {RegressionFinder.BaselineWeeks} weeks before ({ReportText.Range(baselineFrom, report.Week.Monday)}), beyond the noise: " +
            "the four keys and platform adoption" + (report.Scope.IsOrganisation ? ", per team." : ".") +
            (report.Regressions.Any(r => r.Contributors is not null) ? " Under a figure, the rows of this week that weigh most on it." : ""),
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
            new("4 weeks before", 1.5f, Align.Right),
            new("Change", 1.6f, Align.Right),
        ]);

        // A baseline that starts before the team's data holds fewer than four weeks of it: marked.
        var partial = new List<string>();
        var rows = report.Regressions.Select(r =>
        {
            var dataFrom = report.DataStarts.For(r.Team ?? report.Scope.Team);
            var mark = dataFrom is { } first && first > baselineFrom ? " †" : "";
            if (mark.Length > 0)
            {
                partial.Add($"{r.Team ?? report.Scope.Title} from {ReportText.Day(dataFrom!.Value)}");
            }

            return (IReadOnlyList<string>)
            [
                r.Team ?? report.Scope.Title,
                ReportText.ShortTitle(r.Metric.Name),
                ReportText.WithUnit(r.Current, r.Metric.Unit),
                ReportText.WithUnit(r.Baseline, r.Metric.Unit) + mark,
                ReportText.Change(r.Metric, r.Change, r.RelativeChange),
            ];
        }).ToList();
        page = table.Draw(document, page, rows, [.. report.Regressions.Select(r => ReportText.Contributors(r.Contributors, r.Metric.Unit))]);
        if (partial.Count > 0)
        {
            page.Paragraph($"† the data starts within those {RegressionFinder.BaselineWeeks} weeks, so they hold less: {string.Join(", ", partial.Distinct())}.", TextStyle.Note, gapAfter: 8);
        }

        return page;
    }

    /// <summary>A team's four keys and adoption for the week beside the organisation's: the same questions, unfiltered.</summary>
    private static ReportPage AgainstTheOrganisation(ReportDocument document, ReportPage page, WeeklyReport report, TeamRow organisation)
    {
        page = Ensure(document, page, 120);
        page.Heading($"{report.Scope.Title} and the organisation — week {report.Week}");
        var table = new Table(
        [
            new("Metric", 2.6f),
            new(report.Scope.Title, 1.4f, Align.Right),
            new("band", 0.9f),
            new("Organisation", 1.4f, Align.Right),
            new("band", 0.9f),
        ]);
        var team = report.Dora;
        var rows = MetricCatalog.FourKeys.Select(metric =>
        {
            var mine = team.Metrics.First(k => k.Metric == metric.Name).Summary;
            var all = organisation.Dora.Metrics.First(k => k.Metric == metric.Name).Summary;
            return (IReadOnlyList<string>)[ReportText.ShortTitle(metric.Name), ReportText.WithUnit(mine.Value, metric.Unit), ReportText.Band(mine), ReportText.WithUnit(all.Value, metric.Unit), ReportText.Band(all)];
        }).ToList();

        // The team table's metric besides the four keys (the manifests' report.team_table: platform adoption).
        foreach (var extra in MetricCatalog.All.Where(m => m.Report?.TeamTable == true))
        {
            var mine = report.Kpis.FirstOrDefault(k => k.Definition.Metric == extra)?.Current;
            rows.Add([ReportText.ShortTitle(extra.Name), ReportText.WithUnit(mine?.Value, extra.Unit), "", ReportText.WithUnit(organisation.Adoption.Value, extra.Unit), ""]);
        }

        rows.Add(["Overall level", "", team.Overall.Band ?? ReportText.NoData, "", organisation.Dora.Overall.Band ?? ReportText.NoData]);
        return table.Draw(document, page, rows);
    }

    private static ReportPage GoldenPath(ReportDocument document, ReportPage page, GoldenPathSection section, DateOnly? dataFrom)
    {
        page = Ensure(document, page, 250);
        page.Heading($"Golden path vs other deployments — {ReportText.Range(section.From, section.To)}");
        var coverage = dataFrom is { } first && first > section.From
            ? $" The data starts on {ReportText.Date(first)}, so these 12 weeks hold {ReportText.Weeks(CoveredWeeks(first, section.To))} of it."
            : "";
        page.Paragraph(
            "Golden-path production deployments (marked so by their source or pipeline) against all others, in the 12 weeks ending with this week." + coverage,
            TextStyle.Note);
        if (section.Metrics.All(c => c.GoldenPath.Value is null && c.Other.Value is null))
        {
            page.Paragraph("No production deployment in these 12 weeks.", TextStyle.Body, gapAfter: 10);
            return page;
        }

        var charts = Grid.Cells(page.Take(GoldenPathChartHeight, 6), columns: section.Metrics.Count, rows: 1, Gutter * 2);
        for (var i = 0; i < section.Metrics.Count; i++)
        {
            var comparison = section.Metrics[i];
            // The manifest's chart title says its unit ("Deploys per week"); else the short name and the unit.
            var named = comparison.Metric.Report?.ChartTitle;
            var chartTitle = named ?? DoraLabel(comparison.Metric.Name);
            if (comparison.GoldenPath.Value is null && comparison.Other.Value is null)
            {
                // No bar to draw: the words, not an empty chart with a 0–1 axis.
                page.DrawText(chartTitle, charts[i].MidX, charts[i].Top + 12, TextStyle.TileLabel, Align.Center);
                page.DrawText("no data", charts[i].MidX, charts[i].MidY, TextStyle.Note, Align.Center);
                continue;
            }

            var unit = ReportNumbers.Unit(comparison.Metric.Unit);
            var plot = BarChart.Create(
                named is not null || unit.Length == 0 ? chartTitle : $"{chartTitle} ({unit})",
                [new ChartBar("Golden path", comparison.GoldenPath.Value, Dark: true), new ChartBar("Other", comparison.Other.Value, Dark: false)]);
            PlotRenderer.Draw(page.Canvas, charts[i], plot, BarChart.MakeRoomForLabels);
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

    private const float GoldenPathChartHeight = 116;

    private const float ProvisioningChartHeight = 100;

    private static ReportPage Provisioning(ReportDocument document, ReportPage page, WeeklyReport report)
    {
        var section = report.Provisioning;
        page = Ensure(document, page, 150);
        page.Heading($"Provisioning: self-service vs ticket — {ReportText.Range(section.From, section.To)}");
        page.Paragraph(
            "Hours from request to ready, for requests that became ready in the 12 weeks ending with this week, by channel.",
            TextStyle.Note);
        var bars = new[]
        {
            new ChartBar("Self-service median", section.SelfServiceP50, Dark: true),
            new ChartBar("Self-service p90", section.SelfServiceP90, Dark: true),
            new ChartBar("Ticket median", section.TicketP50, Dark: false),
            new ChartBar("Ticket p90", section.TicketP90, Dark: false),
        };
        var facts = new[]
        {
            ("Self-service", $"{ReportText.Count(section.SelfServiceN ?? 0, "requests")} · median {ReportText.WithUnit(section.SelfServiceP50, "hours")} · p90 {ReportText.WithUnit(section.SelfServiceP90, "hours")}"),
            ("Ticket", $"{ReportText.Count(section.TicketN ?? 0, "requests")} · median {ReportText.WithUnit(section.TicketP50, "hours")} · p90 {ReportText.WithUnit(section.TicketP90, "hours")}"),
            ("All requests", $"{ReportText.Count(section.Summary.N ?? 0, "requests")} · median {ReportText.WithUnit(section.Summary.Value, "hours")}"),
            ("Still pending", Pending(section.Summary)),
        };
        const float factHeight = 22;
        SKRect factArea;
        if (bars.All(b => b.Value is null))
        {
            // No request became ready: the facts alone (pending ones may still wait), no empty chart.
            factArea = page.Take(facts.Length * factHeight, 6);
        }
        else
        {
            var halves = Grid.Columns(page.Take(ProvisioningChartHeight, 6), [1f, 1f], Gutter * 2);
            PlotRenderer.Draw(page.Canvas, halves[0], BarChart.Create("Median and p90 (hours)", bars), BarChart.MakeRoomForLabels);
            factArea = halves[1];
        }

        var y = factArea.Top + 10;
        foreach (var (label, text) in facts)
        {
            page.DrawText(label, factArea.Left, y, TextStyle.TileLabel);
            page.DrawText(page.Fit(text, TextStyle.Body, factArea.Width), factArea.Left, y + 11, TextStyle.Body);
            y += factHeight;
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
        var plot = BarChart.Create("Median hours per stage", [.. section.Stages.Select((s, i) => new ChartBar(s.Name, s.Hours, Dark: i % 2 == 0))]);
        PlotRenderer.Draw(page.Canvas, halves[0], plot, BarChart.MakeRoomForLabels);

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
        var pending => $"{ReportText.Count(pending.Value, "requests")} · the oldest waiting {ReportText.WithUnit(summary.Number("oldest_pending_hours"), "hours")}",
    };

    private static void Comments(ReportDocument document, ReportPage page, NpsCommentsSection section)
    {
        page = Ensure(document, page, 80);
        page.Heading("What developers said");
        page.Paragraph(
            $"Comments in the surveys answered {ReportText.Range(section.From, section.To)} (each respondent's latest answer), only from groups of at least {ReportText.Count(section.Threshold, "respondents")}" +
            (section.Comments.FirstOrDefault(c => c.Count > 1) is { } repeated ? $"; ×{repeated.Count}: written by {repeated.Count} respondents." : "."),
            TextStyle.Note);
        if (section.Comments.Count == 0)
        {
            page.Paragraph("No comment from a group large enough to show.", TextStyle.Body);
        }

        foreach (var comment in section.Comments)
        {
            page = Ensure(document, page, 30);
            var count = comment.Count > 1 ? $" ×{comment.Count}" : "";
            page.Paragraph($"“{comment.Text}”{count} — {string.Join(", ", comment.Groups)}", TextStyle.Body, gapAfter: 2);
        }

        if (section.Omitted > 0)
        {
            page.Paragraph(section.Omitted == 1 ? "1 more comment is not shown here." : $"{section.Omitted} more comments are not shown here.", TextStyle.Note);
        }
    }

    /// <summary>The page, or a new one when fewer than <paramref name="height"/> points are left.</summary>
    private static ReportPage Ensure(ReportDocument document, ReportPage page, float height) =>
        page.Remaining < height ? document.NewPage() : page;
}
