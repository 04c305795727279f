using SkiaSharp;

namespace Insights.Reports.Layout;

/// <summary>
/// One page being drawn: a content area filled from top to bottom (<see cref="Take"/> hands out the
/// next band), plus the few drawing primitives the report needs. Coordinates are points, y downwards.
/// </summary>
public sealed class ReportPage(SKCanvas canvas, ReportFonts fonts, int number, SKRect content)
{
    public const float LineSpacing = 1.3f;

    public SKCanvas Canvas { get; } = canvas;

    public ReportFonts Fonts { get; } = fonts;

    public int Number { get; } = number;

    public SKRect Content { get; } = content;

    /// <summary>The top of what is still free.</summary>
    public float Cursor { get; private set; } = content.Top;

    public float Remaining => Content.Bottom - Cursor;

    /// <summary>The next <paramref name="height"/> points of the content width; the cursor moves past them and the gap after.</summary>
    public SKRect Take(float height, float gapAfter = 0)
    {
        var band = new SKRect(Content.Left, Cursor, Content.Right, Cursor + height);
        Cursor += height + gapAfter;
        return band;
    }

    public void Skip(float height) => Cursor += height;

    public static float LineHeight(TextStyle style) => style.Size * LineSpacing;

    /// <summary>A heading with a rule under it.</summary>
    public void Heading(string text, TextStyle? style = null)
    {
        style ??= TextStyle.Heading;
        var band = Take(LineHeight(style) + 4, 6);
        DrawText(text, band.Left, band.Top + style.Size, style);
        Line(band.Left, band.Bottom, band.Right, band.Bottom, Palette.Rule, 0.6f);
    }

    /// <summary>Text wrapped to the content width at the cursor.</summary>
    public void Paragraph(string text, TextStyle style, float gapAfter = 4)
    {
        var lines = Wrap(text, style, Content.Width);
        foreach (var line in lines)
        {
            var band = Take(LineHeight(style));
            DrawText(line, band.Left, band.Top + style.Size, style);
        }

        Skip(gapAfter);
    }

    /// <summary>Draws one line of text with its baseline at <paramref name="baseline"/>; returns its width.</summary>
    public float DrawText(string text, float x, float baseline, TextStyle style, Align align = Align.Left)
    {
        using var font = Fonts.Font(style);
        using var paint = new SKPaint { Color = style.Color, IsAntialias = true };
        var width = font.MeasureText(text);
        var left = align switch
        {
            Align.Center => x - (width / 2),
            Align.Right => x - width,
            _ => x,
        };
        Canvas.DrawText(text, left, baseline, font, paint);
        return width;
    }

    /// <summary>One line inside a box, vertically centred, shortened with an ellipsis when it does not fit.</summary>
    public void DrawTextIn(SKRect box, string text, TextStyle style, Align align = Align.Left, float padding = 3)
    {
        var fitted = Fit(text, style, box.Width - (2 * padding));
        var baseline = box.MidY + (style.Size * 0.35f);
        var x = align switch
        {
            Align.Center => box.MidX,
            Align.Right => box.Right - padding,
            _ => box.Left + padding,
        };
        DrawText(fitted, x, baseline, style, align);
    }

    public float Measure(string text, TextStyle style)
    {
        using var font = Fonts.Font(style);
        return font.MeasureText(text);
    }

    /// <summary>The text, shortened with "…" until it is at most <paramref name="width"/> wide.</summary>
    public string Fit(string text, TextStyle style, float width)
    {
        if (Measure(text, style) <= width)
        {
            return text;
        }

        var length = text.Length;
        while (length > 1 && Measure(text[..length] + "…", style) > width)
        {
            length--;
        }

        return text[..length].TrimEnd() + "…";
    }

    /// <summary>Splits text into lines at most <paramref name="width"/> wide (at spaces).</summary>
    public IReadOnlyList<string> Wrap(string text, TextStyle style, float width) =>
        LineBreaker.Wrap(text, t => Measure(t, style), width);

    public void Fill(SKRect rect, SKColor color)
    {
        using var paint = new SKPaint { Color = color, Style = SKPaintStyle.Fill, IsAntialias = true };
        Canvas.DrawRect(rect, paint);
    }

    public void Stroke(SKRect rect, SKColor color, float width)
    {
        using var paint = new SKPaint { Color = color, Style = SKPaintStyle.Stroke, StrokeWidth = width, IsAntialias = true };
        Canvas.DrawRect(rect, paint);
    }

    public void Line(float x1, float y1, float x2, float y2, SKColor color, float width)
    {
        using var paint = new SKPaint { Color = color, Style = SKPaintStyle.Stroke, StrokeWidth = width, IsAntialias = true };
        Canvas.DrawLine(x1, y1, x2, y2, paint);
    }
}
