namespace Insights.Domain.Metrics;

/// <summary>How the weekly report shows a metric (docs/reports.md).</summary>
public sealed record MetricReportDefinition
{
    /// <summary>Its KPI tile's place on page 1 (1 = first); null for no tile.</summary>
    public int? Tile { get; init; }

    /// <summary>The tile's title (the PDF test finds the figure right after it).</summary>
    public string Label { get; init; } = "";

    /// <summary>Its name in tables.</summary>
    public string ShortTitle { get; init; } = "";

    /// <summary>Its name in the DORA level boxes, when shorter than <see cref="ShortTitle"/>.</summary>
    public string? DoraLabel { get; init; }

    /// <summary>Its column's header in the organisation report's team table ("Lead (h)").</summary>
    public string? Column { get; init; }

    /// <summary>Its chart's title in the golden-path section, when not <see cref="ShortTitle"/>.</summary>
    public string? ChartTitle { get; init; }

    /// <summary><c>week</c> (the report's week) or <c>twelve_weeks</c> (the 12 weeks ending with it).</summary>
    public string Window { get; init; } = "week";

    /// <summary>What <c>n</c> counts, for the tile's detail line ("changes", "deployments").</summary>
    public string CountNoun { get; init; } = "";

    /// <summary>Watched for regressions (against the 4 weeks before).</summary>
    public bool Watched { get; init; }

    /// <summary>In the golden-path vs other deployments section.</summary>
    public bool GoldenPathSection { get; init; }

    /// <summary>A column of the organisation report's team table besides the four keys.</summary>
    public bool TeamTable { get; init; }

    /// <summary>Its breakdown gets a section of its own (over the 12 weeks).</summary>
    public bool BreakdownSection { get; init; }

    /// <summary>
    /// The title of a section of its own for the stages of its breakdown (every <c>breakdown_*_hours</c>,
    /// each a median, with its items column's meaning), over the 12 weeks; null for none.
    /// </summary>
    public string? StagesSection { get; init; }

    /// <summary>What the tile says when there is nothing to measure, instead of a dash.</summary>
    public string? NoData { get; init; }

    /// <summary>A figure printed as ± after the value instead of the unit (a margin of error).</summary>
    public string? Margin { get; init; }

    /// <summary>The tile's detail line: {figure} is the figure's number, {figure noun} a count with its noun ("{n answers}": "1 answer", "37 answers"); null for the count with <see cref="CountNoun"/>.</summary>
    public string? Detail { get; init; }

    /// <summary>The rows a regression of it names in one line; null when it names none (a count has no rows to blame).</summary>
    public MetricReportContributors? Contributors { get; init; }
}
