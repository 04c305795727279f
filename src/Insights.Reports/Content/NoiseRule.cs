using Insights.Domain.Metrics;

namespace Insights.Reports.Content;

/// <summary>
/// When a change between two answers is more than noise, for the tiles' "better"/"worse" and the top
/// regressions alike (docs/reports.md, "Changes and regressions"): both sides have at least
/// <see cref="MinimumSample"/> items, and the difference reaches <see cref="RatePoints"/> percentage points
/// for a rate (a metric in percent) or <see cref="RelativePercent"/> % of the earlier value for a time or a
/// count. A figure that carries its own margin of error (NPS) must move beyond that margin instead. The rule
/// reads only a metric's unit, so a new metric gets it without an entry here.
/// </summary>
public static class NoiseRule
{
    /// <summary>Smallest sample whose change is judged; the metrics layer flags smaller ones <c>low_sample</c>.</summary>
    public const int MinimumSample = 5;

    public const double RatePoints = 5;

    public const double RelativePercent = 20;

    /// <summary>A rate changes by percentage points; anything else by a share of its earlier value.</summary>
    public static bool IsRate(MetricDefinition metric) => metric.Unit == "percent";

    /// <summary>
    /// How large the change is against the threshold: 1 is exactly at it, 2 twice past it. A change from
    /// an earlier value of 0 has no share and counts as far past it (∞), unless there is no change.
    /// </summary>
    public static double Size(MetricDefinition metric, double now, double before)
    {
        var change = Math.Abs(now - before);
        if (IsRate(metric))
        {
            return change / RatePoints;
        }

        return before == 0 ? (change == 0 ? 0 : double.PositiveInfinity) : change / Math.Abs(before) * 100 / RelativePercent;
    }

    public static bool IsBeyond(MetricDefinition metric, double now, double before) => Size(metric, now, before) >= 1;
}
