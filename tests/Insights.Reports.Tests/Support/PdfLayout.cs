using Insights.Reports.Layout;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace Insights.Reports.Tests.Support;

/// <summary>
/// Where a PDF's text and lines are, read back with PdfPig: each page's text runs (what one drawing call
/// put down: letters that follow each other on one baseline, spaces included) with the box their ink
/// covers, and the stroked lines (frames, rules, axes, bar outlines; not fills or clips). Enough to tell
/// whether a label touches another or runs into a frame.
/// </summary>
public static class PdfLayout
{
    /// <summary>One drawn string: its text and the box its glyphs' ink covers (PDF points, y up).</summary>
    public sealed record Run(string Text, PdfRectangle Ink);

    /// <summary>A straight piece of a stroked path, with the path's line width.</summary>
    public sealed record Segment(PdfPoint From, PdfPoint To, double Width);

    public sealed record Page(int Number, IReadOnlyList<Run> Runs, IReadOnlyList<Segment> Lines)
    {
        /// <summary>The page's words: its runs split at spaces.</summary>
        public IEnumerable<string> Words => Runs.SelectMany(r => r.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        /// <summary>
        /// Pairs of runs whose ink comes closer than <paramref name="gap"/> points, and runs whose ink comes
        /// closer than that to a stroked line (beyond half its width): each described for a test message.
        /// </summary>
        public IReadOnlyList<string> Collisions(double gap)
        {
            var found = new List<string>();
            for (var i = 0; i < Runs.Count; i++)
            {
                for (var j = i + 1; j < Runs.Count; j++)
                {
                    if (Distance(Runs[i].Ink, Runs[j].Ink) < gap)
                    {
                        found.Add($"page {Number}: \"{Runs[i].Text}\" {Box(Runs[i].Ink)} touches \"{Runs[j].Text}\" {Box(Runs[j].Ink)}");
                    }
                }

                foreach (var line in Lines)
                {
                    if (Distance(Runs[i].Ink, line) < gap + (line.Width / 2))
                    {
                        found.Add($"page {Number}: \"{Runs[i].Text}\" {Box(Runs[i].Ink)} touches a line ({line.From.X:0.#},{line.From.Y:0.#})–({line.To.X:0.#},{line.To.Y:0.#})");
                    }
                }
            }

            return found;
        }
    }

    /// <summary>
    /// How far down a report page's content goes, as a share of the content area's height (the running
    /// footer below it does not count): 1 is a full page.
    /// </summary>
    public static double FilledShare(Page page)
    {
        var top = ReportDocument.Height - ReportDocument.Margin;
        var bottom = ReportDocument.Margin + ReportDocument.FooterHeight;
        var lowest = page.Runs.Select(r => r.Ink.Bottom).Concat(page.Lines.SelectMany(l => new[] { l.From.Y, l.To.Y })).Where(y => y > bottom).DefaultIfEmpty(top).Min();
        return (top - lowest) / (top - bottom);
    }

    public static IReadOnlyList<Page> Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => new Page(p.Number, Runs(p.Letters), Lines(p))).ToList();
    }

    /// <summary>Letters in content order, grouped while each starts where the previous one ended on the same baseline.</summary>
    private static List<Run> Runs(IReadOnlyList<Letter> letters)
    {
        var runs = new List<Run>();
        var group = new List<Letter>();
        foreach (var letter in letters)
        {
            if (group.Count > 0)
            {
                var previous = group[^1];
                // Where the previous letter ended, in any direction (a rotated label runs upwards).
                var continues = letter.TextOrientation == previous.TextOrientation
                    && Math.Abs(letter.StartBaseLine.X - previous.EndBaseLine.X) < 0.35
                    && Math.Abs(letter.StartBaseLine.Y - previous.EndBaseLine.Y) < 0.35
                    && Math.Abs(letter.PointSize - previous.PointSize) < 0.01;
                if (!continues)
                {
                    Add(runs, group);
                    group.Clear();
                }
            }

            group.Add(letter);
        }

        Add(runs, group);
        return runs;
    }

    private static void Add(List<Run> runs, List<Letter> group)
    {
        var inked = group.Where(l => !string.IsNullOrWhiteSpace(l.Value) && l.BoundingBox.Width > 0).ToList();
        if (inked.Count == 0)
        {
            return;
        }

        var ink = new PdfRectangle(
            inked.Min(l => l.BoundingBox.Left),
            inked.Min(l => l.BoundingBox.Bottom),
            inked.Max(l => l.BoundingBox.Right),
            inked.Max(l => l.BoundingBox.Top));
        runs.Add(new Run(string.Concat(group.Select(l => l.Value)).Trim(), ink));
    }

    private static List<Segment> Lines(UglyToad.PdfPig.Content.Page page)
    {
        var segments = new List<Segment>();
        foreach (var path in page.Paths.Where(p => p.IsStroked && !p.IsClipping))
        {
            foreach (var subpath in path)
            {
                PdfPoint? start = null;
                PdfPoint? at = null;
                foreach (var command in subpath.Commands)
                {
                    switch (command)
                    {
                        case PdfSubpath.Move move:
                            start = at = move.Location;
                            break;
                        case PdfSubpath.Line line:
                            segments.Add(new Segment(line.From, line.To, path.LineWidth));
                            at = line.To;
                            break;
                        case PdfSubpath.BezierCurve curve:
                            // A curve as its chord: the report strokes no curves but markers' outlines.
                            segments.Add(new Segment(curve.StartPoint, curve.EndPoint, path.LineWidth));
                            at = curve.EndPoint;
                            break;
                        case PdfSubpath.Close when start is { } s && at is { } a:
                            segments.Add(new Segment(a, s, path.LineWidth));
                            at = s;
                            break;
                    }
                }
            }
        }

        return segments;
    }

    private static double Distance(PdfRectangle a, PdfRectangle b)
    {
        var dx = Math.Max(0, Math.Max(a.Left - b.Right, b.Left - a.Right));
        var dy = Math.Max(0, Math.Max(a.Bottom - b.Top, b.Bottom - a.Top));
        return Math.Sqrt((dx * dx) + (dy * dy));
    }

    /// <summary>The distance from a box to a segment (0 when the segment crosses it).</summary>
    private static double Distance(PdfRectangle box, Segment line)
    {
        var far = new PdfRectangle(Math.Min(line.From.X, line.To.X), Math.Min(line.From.Y, line.To.Y), Math.Max(line.From.X, line.To.X), Math.Max(line.From.Y, line.To.Y));
        if (Distance(box, far) > 5)
        {
            return Distance(box, far);
        }

        // Sample the segment finely; exact enough for points-sized gaps on a page.
        var length = Math.Sqrt(Math.Pow(line.To.X - line.From.X, 2) + Math.Pow(line.To.Y - line.From.Y, 2));
        var steps = Math.Max(1, (int)Math.Ceiling(length / 0.25));
        var best = double.MaxValue;
        for (var k = 0; k <= steps; k++)
        {
            var x = line.From.X + ((line.To.X - line.From.X) * k / steps);
            var y = line.From.Y + ((line.To.Y - line.From.Y) * k / steps);
            var dx = Math.Max(0, Math.Max(box.Left - x, x - box.Right));
            var dy = Math.Max(0, Math.Max(box.Bottom - y, y - box.Top));
            best = Math.Min(best, Math.Sqrt((dx * dx) + (dy * dy)));
        }

        return best;
    }

    private static string Box(PdfRectangle r) => $"[{r.Left:0.#},{r.Bottom:0.#}–{r.Right:0.#},{r.Top:0.#}]";
}
