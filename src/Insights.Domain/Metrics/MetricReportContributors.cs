namespace Insights.Domain.Metrics;

/// <summary>
/// The rows a regression of the metric names in the weekly report (docs/reports.md): its counted items of
/// the week, worst first — the largest or smallest values of a percentile metric, the rows on the worse
/// side of a share (value 1 when lower is better, 0 when higher is better).
/// </summary>
/// <param name="Label">The line's first words ("Slowest", "Failed").</param>
/// <param name="Top">How many rows it names.</param>
/// <param name="Detail">An item field printed after each id instead of its value ("failure": incident or rollback); null for the value.</param>
public sealed record MetricReportContributors(string Label, int Top, string? Detail);
