using SkiaSharp;

namespace Insights.Reports.Layout;

/// <summary>A size (points), weight and colour of text.</summary>
public sealed record TextStyle(float Size, bool Bold, SKColor Color)
{
    public static TextStyle Kicker { get; } = new(8, false, Palette.Muted);

    public static TextStyle Title { get; } = new(18, true, Palette.Ink);

    public static TextStyle Subtitle { get; } = new(9.5f, false, Palette.Muted);

    public static TextStyle Heading { get; } = new(12.5f, true, Palette.Ink);

    public static TextStyle Body { get; } = new(9, false, Palette.Ink);

    public static TextStyle Note { get; } = new(7.5f, false, Palette.Muted);

    public static TextStyle TileLabel { get; } = new(8.5f, true, Palette.Muted);

    public static TextStyle TileValue { get; } = new(20, true, Palette.Ink);

    public static TextStyle TileWords { get; } = new(12, true, Palette.Muted);

    public static TextStyle TileUnit { get; } = new(10, false, Palette.Ink);

    public static TextStyle TileLine { get; } = new(7.5f, false, Palette.Ink);

    public static TextStyle TileLineStrong { get; } = new(7.5f, true, Palette.Ink);

    public static TextStyle Badge { get; } = new(7, true, Palette.Ink);

    public static TextStyle TableHeader { get; } = new(7, true, Palette.Ink);

    public static TextStyle TableCell { get; } = new(7.5f, false, Palette.Ink);

    public TextStyle WithColor(SKColor color) => this with { Color = color };
}
