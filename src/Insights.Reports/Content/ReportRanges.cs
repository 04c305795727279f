using Insights.Reports.Weeks;

namespace Insights.Reports.Content;

/// <summary>The date ranges one report asks about, all ending with the report week.</summary>
public sealed record ReportRanges(IsoWeek Week)
{
    /// <summary>The report week: [Monday, next Monday).</summary>
    public DateOnly From => Week.Monday;

    public DateOnly To => Week.End;

    /// <summary>Start of the 12 weeks ending with the report week (trends, cohorts, comparisons).</summary>
    public DateOnly TrailingFrom => To.AddDays(-7 * ReportContentBuilder.TrailingWeeks);

    /// <summary>Start of the four weeks before the report week (the regressions' baseline).</summary>
    public DateOnly BaselineFrom => From.AddDays(-7 * RegressionFinder.BaselineWeeks);
}
