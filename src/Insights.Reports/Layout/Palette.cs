using SkiaSharp;

namespace Insights.Reports.Layout;

/// <summary>
/// Greys only: the report is printed and photocopied. Meaning never rests on colour alone — a change
/// carries an arrow and the word "better" or "worse", a band its name.
/// </summary>
public static class Palette
{
    public static readonly SKColor Ink = new(0x1A, 0x1A, 0x1A);
    public static readonly SKColor Muted = new(0x55, 0x55, 0x55);
    public static readonly SKColor Faint = new(0x99, 0x99, 0x99);
    public static readonly SKColor Rule = new(0xC4, 0xC4, 0xC4);
    public static readonly SKColor Shade = new(0xF0, 0xF0, 0xF0);
    public static readonly SKColor HeaderShade = new(0xDD, 0xDD, 0xDD);
    public static readonly SKColor Dark = new(0x33, 0x33, 0x33);
    public static readonly SKColor Light = new(0xBB, 0xBB, 0xBB);
    public static readonly SKColor Paper = SKColors.White;
}
