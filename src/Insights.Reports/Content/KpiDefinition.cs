using Insights.Domain.Metrics;

namespace Insights.Reports.Content;

/// <summary>One tile of page 1: which metric, over which window, under which label.</summary>
/// <param name="Label">The tile's title; the PDF test finds the figure right after it.</param>
/// <param name="CountNoun">What <c>n</c> counts, for the tile's detail line ("changes", "deployments").</param>
public sealed record KpiDefinition(MetricDefinition Metric, string Label, KpiWindow Window, string CountNoun)
{
    /// <summary>The tiles, in reading order (two columns, left to right, top to bottom): the metrics whose manifest gives a <c>report.tile</c>.</summary>
    public static IReadOnlyList<KpiDefinition> All { get; } =
    [
        .. MetricCatalog.All
            .Where(m => m.Report?.Tile is not null)
            .OrderBy(m => m.Report!.Tile)
            .Select(m => new KpiDefinition(m, m.Report!.Label, m.Report.Window == "twelve_weeks" ? KpiWindow.TwelveWeeks : KpiWindow.Week, m.Report.CountNoun)),
    ];
}
