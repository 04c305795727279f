using ScottPlot;

namespace Insights.Reports.Charts;

/// <summary>
/// A few labelled bars from zero, dark and light grey (with outlines, so they survive a photocopier),
/// each with its value above it. No grid lines (they would run through the value labels) and no
/// rotated axis title: the unit belongs in the chart's title, where it reads as words.
/// </summary>
public static class BarChart
{
    public static Plot Create(string title, IReadOnlyList<ChartBar> bars)
    {
        var plot = new Plot();
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.HideGrid();
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

        // A label of two words takes two lines: side by side under narrow charts, one line each would touch.
        var ticks = bars.Select((b, i) => new Tick(i, b.Label.Replace(' ', '\n') + (b.Value is null ? "\n(no data)" : ""))).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Bottom.TickLabelStyle.FontSize = ChartStyle.TickSize;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickLabelStyle.FontSize = ChartStyle.TickSize;
        // The report's numbers: no trailing zeros, and a minus sign (not a hyphen) below zero.
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Content.ReportNumbers.Format };

        var top = bars.Max(b => b.Value ?? 0);
        plot.Axes.SetLimits(-0.6, bars.Count - 0.4, 0, top > 0 ? top * 1.4 : 1);
        return plot;
    }

    /// <summary>
    /// Once the data area's height is known (<see cref="PlotRenderer.Draw"/>'s settle step): the top of the
    /// axis such that the tallest bar's value label fits under the frame with air to spare.
    /// </summary>
    public static void MakeRoomForLabels(Plot plot, PixelRect data)
    {
        var top = plot.GetPlottables<ScottPlot.Plottables.BarPlot>().SelectMany(b => b.Bars).Select(b => b.Value).DefaultIfEmpty(0).Max();
        if (top <= 0 || data.Height <= LabelRoom * 2)
        {
            return;
        }

        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimits(limits.Left, limits.Right, 0, top * data.Height / (data.Height - LabelRoom));
    }

    /// <summary>Points above a bar for its value label: the label's height and a gap on either side.</summary>
    private const float LabelRoom = ChartStyle.TickSize + 9;
}
