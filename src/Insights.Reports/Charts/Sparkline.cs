using ScottPlot;

namespace Insights.Reports.Charts;

/// <summary>A frameless line of weekly values (gaps where a week has none), the last week marked.</summary>
public static class Sparkline
{
    public static Plot Create(IReadOnlyList<double?> values)
    {
        var plot = new Plot();
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Layout.Frameless();
        plot.Axes.Frameless();
        plot.HideGrid();

        var points = values.Select((v, i) => (X: (double)i, Y: v)).Where(p => p.Y.HasValue).Select(p => (p.X, Y: p.Y!.Value)).ToList();
        if (points.Count == 0)
        {
            return plot;
        }

        var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
        line.Color = ChartStyle.Dark;
        line.LineWidth = 1.2f;
        line.MarkerSize = points.Count == 1 ? 3 : 0;
        var last = points[^1];
        plot.Add.Marker(last.X, last.Y, MarkerShape.FilledCircle, 3.5f, ChartStyle.Ink);

        var low = points.Min(p => p.Y);
        var high = points.Max(p => p.Y);
        var pad = high > low ? (high - low) * 0.12 : Math.Max(1, Math.Abs(high) * 0.1);
        plot.Axes.SetLimits(-0.5, Math.Max(values.Count, 1) - 0.5, low - pad, high + pad);
        return plot;
    }
}
