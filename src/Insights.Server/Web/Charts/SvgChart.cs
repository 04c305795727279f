using System.Globalization;
using System.Net;
using System.Text;

namespace Insights.Server.Web.Charts;

/// <summary>
/// Charts drawn on the server as SVG markup: no script, no style attribute (the CSP forbids inline
/// styles; colours are presentation attributes and CSS classes). Each chart is an image with a title
/// and a description that says what it shows; the page puts the same numbers in a table beside it.
/// </summary>
public static class SvgChart
{
    private const double Width = 420;
    private const double Height = 190;
    private const double Left = 52;
    private const double Right = 12;
    private const double Top = 12;
    private const double Bottom = 28;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A tile's small trend line, decorative (the tile says the figure in words).</summary>
    public static string Sparkline(IReadOnlyList<ChartPoint> points)
    {
        const double w = 120, h = 30, pad = 3;
        var values = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        var svg = new StringBuilder($"""<svg class="sparkline" viewBox="0 0 {w} {h}" width="{w}" height="{h}" aria-hidden="true" focusable="false">""");
        if (values.Count > 0)
        {
            var (min, max) = (values.Min(), values.Max());
            var span = max - min == 0 ? 1 : max - min;
            double X(int i) => points.Count == 1 ? w / 2 : pad + i * (w - 2 * pad) / (points.Count - 1);
            double Y(double v) => h - pad - (v - min) / span * (h - 2 * pad);
            foreach (var run in Runs(points))
            {
                svg.Append(run.Count == 1
                    ? Circle(X(run[0].Index), Y(run[0].Value), 1.8, "spark-dot")
                    : $"""<polyline class="spark-line" fill="none" points="{string.Join(' ', run.Select(p => $"{F(X(p.Index))},{F(Y(p.Value))}"))}"/>""");
            }

            var last = points.Select((p, i) => (p, i)).LastOrDefault(x => x.p.Value is not null);
            svg.Append(Circle(X(last.i), Y(last.p.Value!.Value), 2.4, "spark-end"));
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A line (or, for counts, bars) over periods, with a y axis from zero and a few dated x labels.</summary>
    /// <param name="format">A value for people (the description).</param>
    /// <param name="axis">A tick label, short (defaults to <paramref name="format"/>).</param>
    public static string Periods(string id, string title, IReadOnlyList<ChartPoint> points, Func<double, string> format, Func<double, string>? axis = null, bool bars = false)
    {
        axis ??= format;
        var values = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        var min = Math.Min(0, values.Count == 0 ? 0 : values.Min());
        var max = values.Count == 0 ? 1 : Math.Max(values.Max(), min + 1e-9);
        var (low, high, step) = Ticks(min, max);
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        double Y(double v) => Top + plotH - (v - low) / (high - low) * plotH;
        var slot = plotW / Math.Max(points.Count, 1);
        double X(int i) => Left + slot * (i + 0.5);

        var svg = new StringBuilder();
        svg.Append(Invariant, $"""<svg class="chart" viewBox="0 0 {Width} {Height}" role="img" aria-labelledby="{id}-title {id}-desc">""");
        svg.Append(Invariant, $"""<title id="{id}-title">{Text(title)}</title><desc id="{id}-desc">{Text(Describe(points, format))}</desc>""");
        for (var tick = low; tick <= high + step / 2; tick += step)
        {
            svg.Append(Invariant, $"""<line class="grid" x1="{F(Left)}" x2="{F(Width - Right)}" y1="{F(Y(tick))}" y2="{F(Y(tick))}"/>""");
            svg.Append(Invariant, $"""<text class="axis" x="{F(Left - 6)}" y="{F(Y(tick) + 4)}" text-anchor="end">{Text(axis(Math.Round(tick, 2)))}</text>""");
        }

        var every = Math.Max(1, (int)Math.Ceiling(points.Count / 5.0));
        for (var i = 0; i < points.Count; i += every)
        {
            svg.Append(Invariant, $"""<text class="axis" x="{F(X(i))}" y="{F(Height - 8)}" text-anchor="middle">{points[i].Period.ToString("d MMM", Invariant)}</text>""");
        }

        if (values.Count == 0)
        {
            svg.Append(Invariant, $"""<text class="axis empty" x="{F(Left + plotW / 2)}" y="{F(Top + plotH / 2)}" text-anchor="middle">No data in this range</text>""");
        }
        else if (bars)
        {
            var barW = Math.Max(2, slot * 0.62);
            for (var i = 0; i < points.Count; i++)
            {
                if (points[i].Value is { } v)
                {
                    var (y0, y1) = (Y(Math.Max(v, 0)), Y(Math.Min(v, 0)));
                    svg.Append(Invariant, $"""<rect class="bar" x="{F(X(i) - barW / 2)}" y="{F(y0)}" width="{F(barW)}" height="{F(Math.Max(y1 - y0, 0.5))}"/>""");
                }
            }
        }
        else
        {
            foreach (var run in Runs(points))
            {
                if (run.Count > 1)
                {
                    svg.Append(Invariant, $"""<polyline class="line" fill="none" points="{string.Join(' ', run.Select(p => $"{F(X(p.Index))},{F(Y(p.Value))}"))}"/>""");
                }

                foreach (var p in run)
                {
                    svg.Append(Circle(X(p.Index), Y(p.Value), 2.6, "dot"));
                }
            }
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>The chart's description for screen readers: its range of values and its last value.</summary>
    private static string Describe(IReadOnlyList<ChartPoint> points, Func<double, string> format)
    {
        var known = points.Where(p => p.Value is not null).ToList();
        if (known.Count == 0)
        {
            return "No data in this range.";
        }

        var last = known[^1];
        return $"{known.Count} of {points.Count} periods have data; lowest {format(known.Min(p => p.Value!.Value))}, highest {format(known.Max(p => p.Value!.Value))}; " +
               $"latest {format(last.Value!.Value)} (week of {last.Period.ToString("d MMM yyyy", Invariant)}).";
    }

    /// <summary>Stretches of consecutive points with a value (a gap breaks the line).</summary>
    private static List<List<(int Index, double Value)>> Runs(IReadOnlyList<ChartPoint> points)
    {
        var runs = new List<List<(int, double)>>();
        List<(int, double)>? current = null;
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is { } v)
            {
                current ??= [];
                current.Add((i, v));
            }
            else if (current is not null)
            {
                runs.Add(current);
                current = null;
            }
        }

        if (current is not null)
        {
            runs.Add(current);
        }

        return runs;
    }

    /// <summary>Round axis bounds and a step that gives three to five grid lines.</summary>
    private static (double Low, double High, double Step) Ticks(double min, double max)
    {
        var range = max - min;
        var raw = range / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        return (Math.Floor(min / step) * step, Math.Ceiling(max / step) * step, step);
    }

    private static string Circle(double x, double y, double r, string cssClass) =>
        $"""<circle class="{cssClass}" cx="{F(x)}" cy="{F(y)}" r="{F(r)}"/>""";

    private static string F(double value) => Math.Round(value, 1).ToString(Invariant);

    private static string Text(string text) => WebUtility.HtmlEncode(text);
}
