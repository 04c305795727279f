using Insights.Domain.Metrics;
using Insights.Warehouse.Metrics;

namespace Insights.Reports.Content;

/// <summary>
/// A KPI's change against the previous window: the difference of two answers of the metrics layer
/// (this week's value − last week's value, as the API gives them), or why it is not shown.
/// </summary>
/// <param name="Delta">The difference, in the metric's unit; null when not shown.</param>
/// <param name="Note">Why no difference is shown ("low sample", "inside the NPS margin of ±7.2"…).</param>
public sealed record KpiChange(ChangeVerdict Verdict, double? Delta, string? Note)
{
    /// <summary>Smallest sample whose change is shown; the metrics layer flags smaller ones <c>low_sample</c>.</summary>
    public const int MinimumSample = 5;

    /// <summary>Fewer than <see cref="MinimumSample"/> items (a series point carries its <c>n</c> but no <c>low_sample</c> flag).</summary>
    public static bool IsLowSample(MetricValues values) => values.LowSample || values.N is null or < MinimumSample;

    public static KpiChange Between(MetricDefinition metric, MetricValues? current, MetricValues? previous)
    {
        if (current?.Value is not { } now)
        {
            return new(ChangeVerdict.NotComparable, null, current?.Suppressed == true ? "group too small to show" : "no data this week");
        }

        if (previous?.Value is not { } before)
        {
            return new(ChangeVerdict.NotComparable, null, previous?.Suppressed == true ? "previous group too small to show" : "no data the week before");
        }

        if (IsLowSample(current) || IsLowSample(previous))
        {
            // No-break spaces keep "(n < 5)" on one line of a tile.
            return new(ChangeVerdict.WithinNoise, null, $"change not shown: low sample (n\u00A0<\u00A0{MinimumSample})");
        }

        var delta = Math.Round(now - before, 2, MidpointRounding.AwayFromZero);
        if (current.Number("margin_of_error") is { } margin && Math.Abs(delta) <= margin)
        {
            return new(ChangeVerdict.WithinNoise, null, $"change inside the margin of ±{ReportNumbers.Format(margin)}");
        }

        if (delta == 0)
        {
            return new(ChangeVerdict.Unchanged, 0, null);
        }

        var better = delta > 0 == metric.HigherIsBetter;
        return new(better ? ChangeVerdict.Better : ChangeVerdict.Worse, delta, null);
    }
}
