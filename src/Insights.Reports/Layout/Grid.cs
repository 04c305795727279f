using SkiaSharp;

namespace Insights.Reports.Layout;

/// <summary>Splits an area into equal cells, row by row, with gutters between them.</summary>
public static class Grid
{
    public static IReadOnlyList<SKRect> Cells(SKRect area, int columns, int rows, float gutter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var width = (area.Width - (gutter * (columns - 1))) / columns;
        var height = (area.Height - (gutter * (rows - 1))) / rows;
        var cells = new List<SKRect>(columns * rows);
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var left = area.Left + (column * (width + gutter));
                var top = area.Top + (row * (height + gutter));
                cells.Add(new SKRect(left, top, left + width, top + height));
            }
        }

        return cells;
    }

    /// <summary>Splits an area into columns whose widths are proportional to <paramref name="weights"/>.</summary>
    public static IReadOnlyList<SKRect> Columns(SKRect area, IReadOnlyList<float> weights, float gutter = 0)
    {
        var total = weights.Sum();
        var free = area.Width - (gutter * (weights.Count - 1));
        var cells = new List<SKRect>(weights.Count);
        var left = area.Left;
        foreach (var weight in weights)
        {
            var width = free * weight / total;
            cells.Add(new SKRect(left, area.Top, left + width, area.Bottom));
            left += width + gutter;
        }

        return cells;
    }
}
