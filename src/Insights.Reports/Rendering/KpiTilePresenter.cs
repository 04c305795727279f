using Insights.Domain.Metrics;
using Insights.Reports.Charts;
using Insights.Reports.Content;
using Insights.Reports.Layout;

namespace Insights.Reports.Rendering;

/// <summary>Words a KPI's figures for its tile: the value as the API gives it, the change, the sample, the band, the trend.</summary>
public static partial class KpiTilePresenter
{
    public const string NoSurveyData = "no survey data";

    public static TileContent Present(KpiFigure kpi, int minimumGroupSize)
    {
        var definition = kpi.Definition;
        var metric = definition.Metric;
        // What the manifest says for a metric of people's answers (NPS): words instead of a dash, a margin instead of a unit.
        var noData = metric.Report?.NoData;
        var window = definition.Window == KpiWindow.Week ? ReportText.Range(kpi.From, kpi.To) : $"12 weeks to {ReportText.Day(kpi.To.AddDays(-1))}";

        if (kpi.Current is not { } current)
        {
            return new TileContent(
                definition.Label,
                "not available",
                "",
                [new TileLine(kpi.Unavailable ?? "not available", TextStyle.Note)],
                ValueStyle: TextStyle.TileWords);
        }

        if (current.Value is not { } value)
        {
            var why = current.Suppressed
                ? $"fewer than {minimumGroupSize} in the group: not shown (privacy)"
                : noData is not null ? $"no answers · {window}" : $"nothing to measure · {window}";
            return new TileContent(definition.Label, noData is not null && !current.Suppressed ? noData : ReportText.NoData, "", [new TileLine(why, TextStyle.Note)], ValueStyle: noData is not null ? TextStyle.TileWords : null,
                Chart: Trend(kpi), ChartCaption: TrendCaption(kpi));
        }

        var unit = metric.Report?.Margin is { } marginFigure
            ? current.Number(marginFigure) is { } margin ? $"± {ReportNumbers.Format(margin)}" : ""
            : ReportNumbers.Unit(metric.Unit);
        var lines = new List<TileLine> { ChangeLine(kpi) };
        lines.Add(new TileLine(Detail(kpi, current, window), TextStyle.Note));
        var badge = current.Band is { } band ? band.ToUpperInvariant() + (current.LowSample ? " *" : "") : null;
        return new TileContent(definition.Label, ReportNumbers.Format(value), unit, lines, badge, Trend(kpi), TrendCaption(kpi));
    }

    private static TileLine ChangeLine(KpiFigure kpi)
    {
        var change = kpi.Change;
        var against = kpi.Definition.Window == KpiWindow.Week ? "vs previous week" : "vs a week earlier";
        return change.Verdict switch
        {
            ChangeVerdict.Better or ChangeVerdict.Worse => new TileLine(
                $"{(change.Delta > 0 ? "▲" : "▼")} {ReportNumbers.Signed(change.Delta!.Value)} {ReportNumbers.DeltaUnit(kpi.Definition.Metric.Unit)} {against} · {(change.Verdict == ChangeVerdict.Better ? "better" : "worse")}",
                change.Verdict == ChangeVerdict.Worse ? TextStyle.TileLineStrong : TextStyle.TileLine),
            ChangeVerdict.Unchanged => new TileLine($"= unchanged {against}", TextStyle.TileLine),
            _ => new TileLine(change.Note ?? "", TextStyle.Note),
        };
    }

    private static string Detail(KpiFigure kpi, Warehouse.Metrics.MetricValues current, string window)
    {
        var n = current.N is { } count ? $"n = {count} {kpi.Definition.CountNoun}" : "";
        if (kpi.Definition.Metric.Report?.Detail is { } detail && current.N is not null)
        {
            // The manifest's detail line, {figure} filled from the summary (NPS: promoters and detractors).
            n = Placeholder().Replace(detail, m => current[m.Groups[1].Value] switch
            {
                double d => ReportNumbers.Format(d),
                long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
                var other => other?.ToString() ?? "",
            });
        }

        return n.Length == 0 ? window : $"{n} · {window}";
    }

    private static Action<SkiaSharp.SKCanvas, SkiaSharp.SKRect>? Trend(KpiFigure kpi) =>
        kpi.Trend.Count(v => v.HasValue) == 0 ? null : (canvas, rect) => PlotRenderer.Draw(canvas, rect, Sparkline.Create(kpi.Trend));

    private static string TrendCaption(KpiFigure kpi) =>
        kpi.Trend.Count(v => v.HasValue) == 0 ? "no weekly points" : "12 weeks";

    [System.Text.RegularExpressions.GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();
}
