using Insights.Domain.Metrics;

namespace Insights.Reports.Content;

/// <summary>A figure that got worse this week against the four weeks before, beyond the noise.</summary>
/// <param name="Team">The team, or null for the report's whole scope.</param>
/// <param name="Current">This week's value (the API's answer for the week).</param>
/// <param name="Baseline">The value over the four weeks before (the API's answer for those 28 days).</param>
/// <param name="Change">This week's value minus the baseline, in the metric's unit (percentage points for a rate).</param>
/// <param name="RelativeChange">The change in percent of the baseline; null when the baseline is 0.</param>
/// <param name="Size">How far past the noise threshold (<see cref="NoiseRule.Size"/>): what the list is ranked by.</param>
public sealed record Regression(string? Team, MetricDefinition Metric, double Current, double Baseline, long CurrentN, long BaselineN, double Change, double? RelativeChange, double Size)
{
    /// <summary>The week's rows behind it (read through the items reader); null when the metric names none or its group is not shown.</summary>
    public RegressionContributors? Contributors { get; init; }
}
