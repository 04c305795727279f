using ScottPlot;

namespace Insights.Reports.Charts;

/// <summary>A few labelled bars from zero, dark and light grey (with outlines, so they survive a photocopier).</summary>
public static class BarChart
{
    public static Plot Create(string title, string axisLabel, IReadOnlyList<ChartBar> bars)
    {
        var plot = new Plot();
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = ChartStyle.Grid;
        plot.Grid.XAxisStyle.IsVisible = false;
        plot.Title(title, ChartStyle.TitleSize);
        plot.Axes.Title.Label.Bold = true;

        for (var i = 0; i < bars.Count; i++)
        {
            if (bars[i].Value is not { } value)
            {
                continue;
            }

            var bar = plot.Add.Bar(i, value);
            foreach (var b in bar.Bars)
            {
                b.FillColor = bars[i].Dark ? ChartStyle.Dark : ChartStyle.Light;
                b.LineColor = ChartStyle.Ink;
                b.LineWidth = 0.6f;
                b.Size = 0.6;
                b.Label = Content.ReportNumbers.Format(value);
            }

            bar.ValueLabelStyle.FontSize = ChartStyle.TickSize;
        }

        var ticks = bars.Select((b, i) => new Tick(i, b.Value is null ? b.Label + "\n(no data)" : b.Label)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Bottom.TickLabelStyle.FontSize = ChartStyle.TickSize;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickLabelStyle.FontSize = ChartStyle.TickSize;
        plot.Axes.Left.Label.Text = axisLabel;
        plot.Axes.Left.Label.FontSize = ChartStyle.TickSize;
        plot.Axes.Left.Label.Bold = false;

        var top = bars.Max(b => b.Value ?? 0);
        plot.Axes.SetLimits(-0.6, bars.Count - 0.4, 0, top > 0 ? top * 1.3 : 1);
        return plot;
    }
}
