using SkiaSharp;

namespace Insights.Reports.Layout;

/// <summary>What a tile shows: a label, a figure with its unit, a few lines under it, a badge and a small chart.</summary>
/// <param name="Chart">Draws into the chart area (right side of the tile); null for none.</param>
/// <param name="ChartCaption">A few words under the chart ("12 weeks").</param>
/// <param name="ValueStyle">The figure's style; words instead of a number ("no survey data") use a smaller one.</param>
public sealed record TileContent(
    string Label,
    string Value,
    string Unit,
    IReadOnlyList<TileLine> Lines,
    string? Badge = null,
    Action<SKCanvas, SKRect>? Chart = null,
    string? ChartCaption = null,
    TextStyle? ValueStyle = null);
