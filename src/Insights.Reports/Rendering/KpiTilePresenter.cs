using Insights.Domain.Metrics;
using Insights.Reports.Charts;
using Insights.Reports.Content;
using Insights.Reports.Layout;
using Insights.Warehouse.Metrics;

namespace Insights.Reports.Rendering;

/// <summary>Words a KPI's figures for its tile: the value as the API gives it, the change, the sample, the band, the trend.</summary>
public static partial class KpiTilePresenter
{
    public const string NoSurveyData = "no survey data";

    /// <param name="dataFrom">The scope's first day with data: a window or trend that starts earlier says so.</param>
    public static TileContent Present(KpiFigure kpi, int minimumGroupSize, DateOnly? dataFrom = null)
    {
        var definition = kpi.Definition;
        var metric = definition.Metric;
        // What the manifest says for a metric of people's answers (NPS): words instead of a dash, a margin instead of a unit.
        var noData = metric.Report?.NoData;
        var window = Window(kpi);

        if (kpi.Current is not { } current)
        {
            return new TileContent(
                definition.Label,
                "not available",
                "",
                [new TileLine("not computed by this version of Platform Insights", TextStyle.Note)],
                ValueStyle: TextStyle.TileWords);
        }

        if (current.Value is not { } value)
        {
            var why = current.Suppressed
                ? $"fewer than {minimumGroupSize} in the group: not shown (privacy)"
                : dataFrom is not { } first || first >= kpi.To ? $"no data yet · {window}"
                : noData is not null ? $"no answers · {window}" : $"nothing to measure · {window}";
            return new TileContent(definition.Label, noData is not null && !current.Suppressed ? noData : ReportText.NoData, "", [new TileLine(why, TextStyle.Note)], ValueStyle: noData is not null ? TextStyle.TileWords : null,
                Chart: Trend(kpi), ChartCaption: TrendCaption(kpi, dataFrom));
        }

        var unit = metric.Report?.Margin is { } marginFigure
            ? current.Number(marginFigure) is { } margin ? $"± {ReportNumbers.Format(margin)}" : ""
            : ReportNumbers.Unit(metric.Unit);
        var lines = new List<TileLine> { ChangeLine(kpi, dataFrom), new(Detail(kpi, current, window), TextStyle.Note) };
        var badge = current.Band is { } band ? band.ToUpperInvariant() + (current.LowSample ? " *" : "") : null;
        return new TileContent(definition.Label, ReportNumbers.Format(value), unit, lines, badge, Trend(kpi), TrendCaption(kpi, dataFrom));
    }

    private static string Window(KpiFigure kpi) =>
        kpi.Definition.Window == KpiWindow.Week ? ReportText.Range(kpi.From, kpi.To) : $"12 weeks to {ReportText.Day(kpi.To.AddDays(-1))}";

    private static TileLine ChangeLine(KpiFigure kpi, DateOnly? dataFrom)
    {
        var change = kpi.Change;
        var week = kpi.Definition.Window == KpiWindow.Week;
        var against = week ? "vs previous week" : "vs a week earlier";
        var delta = change.Delta is { } d
            ? string.Join(' ', new[] { d > 0 ? "▲" : "▼", ReportNumbers.Signed(d), ReportNumbers.DeltaUnit(kpi.Definition.Metric.Unit), against }.Where(part => part.Length > 0))
            : "";
        return change.Verdict switch
        {
            ChangeVerdict.Better => new TileLine($"{delta} · better", TextStyle.TileLine),
            ChangeVerdict.Worse => new TileLine($"{delta} · worse", TextStyle.TileLineStrong),
            ChangeVerdict.WithinNoise => new TileLine(change.Margin is { } margin ? $"{delta} · inside its ±{ReportNumbers.Format(margin)} margin" : $"{delta} · little change", TextStyle.TileLine),
            ChangeVerdict.Unchanged => new TileLine($"= unchanged {against}", TextStyle.TileLine),
            ChangeVerdict.LowSample => new TileLine(TooFew(kpi), TextStyle.Note),
            _ => new TileLine(NotCompared(kpi, dataFrom), TextStyle.Note),
        };
    }

    /// <summary>"previous week had 3 failures, too few to compare": which side is small, and how small.</summary>
    private static string TooFew(KpiFigure kpi)
    {
        var noun = kpi.Definition.CountNoun;
        long? now = kpi.Current is { } c && KpiChange.IsLowSample(c) ? c.N ?? 0 : null;
        long? before = kpi.Previous is { } p && KpiChange.IsLowSample(p) ? p.N ?? 0 : null;
        return (kpi.Definition.Window == KpiWindow.Week, now, before) switch
        {
            (true, { } n, { } b) => $"{ReportText.Count(n, noun)} this week, {b} the week before: too few to compare",
            (true, { } n, null) => $"only {ReportText.Count(n, noun)} this week, too few to compare",
            (true, null, { } b) => $"previous week had {ReportText.Count(b, noun)}, too few to compare",
            (false, { } n, { } b) => $"{ReportText.Count(n, noun)} in these 12 weeks, {b} a week earlier: too few to compare",
            (false, { } n, null) => $"only {ReportText.Count(n, noun)} in these 12 weeks, too few to compare",
            (false, null, { } b) => $"a week earlier only {ReportText.Count(b, noun)}, too few to compare",
            _ => "too few to compare",
        };
    }

    private static string NotCompared(KpiFigure kpi, DateOnly? dataFrom)
    {
        var previousFrom = kpi.From.AddDays(-7);
        var earlier = kpi.Definition.Window == KpiWindow.Week ? "the week before" : "a week earlier";
        if (kpi.Previous?.Suppressed == true)
        {
            return $"{earlier}: group too small to show";
        }

        return dataFrom is { } first && first > previousFrom
            ? $"no figure {earlier} (data starts {ReportText.Day(first)})"
            : $"no figure {earlier}";
    }

    private static string Detail(KpiFigure kpi, MetricValues current, string window)
    {
        var n = current.N is { } count ? ReportText.Count(count, kpi.Definition.CountNoun) : "";
        if (kpi.Definition.Metric.Report?.Detail is { } detail && current.N is not null)
        {
            // The manifest's detail line, filled from the summary: {figure} its number, {figure noun} a count
            // with its noun in the right number (NPS: "37 answers · 20 promoters, 1 detractor").
            n = Placeholder().Replace(detail, m =>
            {
                var figure = current[m.Groups[1].Value];
                var number = figure switch { double d => d, long l => l, _ => (double?)null };
                return number is not { } x ? figure?.ToString() ?? ""
                    : m.Groups[2].Success ? ReportText.Count(x, m.Groups[2].Value) : ReportNumbers.Format(x);
            });
        }

        return n.Length == 0 ? window : $"{n} · {window}";
    }

    private static Action<SkiaSharp.SKCanvas, SkiaSharp.SKRect>? Trend(KpiFigure kpi) =>
        kpi.Trend.Count(v => v.HasValue) == 0 ? null : (canvas, rect) => PlotRenderer.Draw(canvas, rect, Sparkline.Create(kpi.Trend));

    /// <summary>"12 weeks", or from when the data starts when that is inside them.</summary>
    private static string TrendCaption(KpiFigure kpi, DateOnly? dataFrom)
    {
        if (kpi.Trend.Count(v => v.HasValue) == 0)
        {
            return "no weekly points";
        }

        var trendFrom = kpi.To.AddDays(-7 * ReportContentBuilder.TrailingWeeks);
        return dataFrom is { } first && first > trendFrom && first < kpi.To ? $"weeks since {ReportText.Day(first)}" : "12 weeks";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{([a-z_]+)(?: ([a-z ]+))?\}")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();
}
