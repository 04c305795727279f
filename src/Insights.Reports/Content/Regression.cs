using Insights.Domain.Metrics;

namespace Insights.Reports.Content;

/// <summary>A figure that got worse this week against the four weeks before.</summary>
/// <param name="Team">The team, or null for the report's whole scope.</param>
/// <param name="Current">This week's value (the API's answer for the week).</param>
/// <param name="Baseline">The value over the four weeks before (the API's answer for those 28 days).</param>
/// <param name="RelativeChange">How much worse, in percent of the baseline; null when the baseline is 0.</param>
public sealed record Regression(string? Team, MetricDefinition Metric, double Current, double Baseline, long CurrentN, long BaselineN, double? RelativeChange);
