using ScottPlot;

namespace Insights.Reports.Charts;

/// <summary>The charts' greys and sizes (the same greys as the page; see Layout.Palette).</summary>
public static class ChartStyle
{
    public static readonly Color Ink = Color.FromHex("#1A1A1A");
    public static readonly Color Dark = Color.FromHex("#333333");
    public static readonly Color Light = Color.FromHex("#BBBBBB");
    public static readonly Color Grid = Color.FromHex("#DDDDDD");
    public const float TickSize = 7;
    public const float TitleSize = 8.5f;
}
