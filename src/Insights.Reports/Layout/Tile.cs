using SkiaSharp;

namespace Insights.Reports.Layout;

/// <summary>
/// A framed KPI tile. Left: label, figure and unit, lines under it; right: a small chart with its
/// caption; top right: a badge. Drawn in that order, so the PDF's text reads label, figure, unit.
/// </summary>
public static class Tile
{
    private const float Padding = 8;
    private const float ChartShare = 0.36f;

    public static void Draw(ReportPage page, SKRect rect, TileContent content)
    {
        page.Fill(rect, Palette.Paper);
        page.Stroke(rect, Palette.Rule, 0.7f);
        var inner = new SKRect(rect.Left + Padding, rect.Top + Padding, rect.Right - Padding, rect.Bottom - Padding);
        var badgeWidth = content.Badge is null ? 0 : page.Measure(content.Badge, TextStyle.Badge) + 8;

        var labelBaseline = inner.Top + TextStyle.TileLabel.Size;
        page.DrawText(page.Fit(content.Label, TextStyle.TileLabel, inner.Width - badgeWidth - 4), inner.Left, labelBaseline, TextStyle.TileLabel);

        var textWidth = content.Chart is null && content.ChartCaption is null ? inner.Width : inner.Width * (1 - ChartShare) - 4;
        var valueStyle = content.ValueStyle ?? TextStyle.TileValue;
        var valueBaseline = labelBaseline + 6 + TextStyle.TileValue.Size;
        var valueWidth = page.DrawText(page.Fit(content.Value, valueStyle, textWidth), inner.Left, valueBaseline, valueStyle);
        if (content.Unit.Length > 0)
        {
            page.DrawText(page.Fit(content.Unit, TextStyle.TileUnit, Math.Max(10, textWidth - valueWidth - 4)), inner.Left + valueWidth + 4, valueBaseline, TextStyle.TileUnit);
        }

        var y = valueBaseline + 4;
        foreach (var line in content.Lines)
        {
            foreach (var wrapped in AtMostTwoLines(page, line, textWidth))
            {
                y += ReportPage.LineHeight(line.Style);
                if (y > inner.Bottom)
                {
                    break;
                }

                page.DrawText(wrapped, inner.Left, y, line.Style);
            }
        }

        if (content.Chart is not null)
        {
            var captionHeight = content.ChartCaption is null ? 0 : ReportPage.LineHeight(TextStyle.Note);
            content.Chart(page.Canvas, new SKRect(inner.Right - (inner.Width * ChartShare), labelBaseline + 8, inner.Right, inner.Bottom - captionHeight));
        }

        if (content.ChartCaption is not null)
        {
            page.DrawText(content.ChartCaption, inner.Right, inner.Bottom - 1, TextStyle.Note, Align.Right);
        }

        if (content.Badge is not null)
        {
            var badge = new SKRect(inner.Right - badgeWidth, inner.Top - 2, inner.Right, inner.Top + TextStyle.Badge.Size + 3);
            page.Fill(badge, Palette.Shade);
            page.Stroke(badge, Palette.Muted, 0.5f);
            page.DrawTextIn(badge, content.Badge, TextStyle.Badge, Align.Center, 2);
        }
    }

    private static IReadOnlyList<string> AtMostTwoLines(ReportPage page, TileLine line, float width) =>
        LineBreaker.TwoLines(line.Text, t => page.Measure(t, line.Style), width, t => page.Fit(t, line.Style, width));
}
