using Insights.Domain.Metrics;
using Insights.Warehouse.Metrics;

namespace Insights.Reports.Content;

/// <summary>
/// A KPI's change against the previous window: the difference of two answers of the metrics layer
/// (this week's value − last week's value, as the API gives them), judged by <see cref="NoiseRule"/>.
/// </summary>
/// <param name="Delta">The difference, in the metric's unit; null when the two are not compared.</param>
/// <param name="Margin">The figure's own margin of error when that decided (NPS), else null.</param>
public sealed record KpiChange(ChangeVerdict Verdict, double? Delta, double? Margin = null)
{
    /// <summary>Smallest sample whose change is shown (<see cref="NoiseRule.MinimumSample"/>).</summary>
    public const int MinimumSample = NoiseRule.MinimumSample;

    /// <summary>Fewer than <see cref="MinimumSample"/> items (a series point carries its <c>n</c> but no <c>low_sample</c> flag).</summary>
    public static bool IsLowSample(MetricValues values) => values.LowSample || values.N is null or < MinimumSample;

    public static KpiChange Between(MetricDefinition metric, MetricValues? current, MetricValues? previous)
    {
        if (current?.Value is not { } now || previous?.Value is not { } before)
        {
            return new(ChangeVerdict.NotComparable, null);
        }

        if (IsLowSample(current) || IsLowSample(previous))
        {
            return new(ChangeVerdict.LowSample, null);
        }

        var delta = Math.Round(now - before, 2, MidpointRounding.AwayFromZero);
        if (delta == 0)
        {
            return new(ChangeVerdict.Unchanged, 0);
        }

        if (current.Number("margin_of_error") is { } margin)
        {
            return Math.Abs(delta) <= margin ? new(ChangeVerdict.WithinNoise, delta, margin) : Judged(metric, delta);
        }

        return NoiseRule.IsBeyond(metric, now, before) ? Judged(metric, delta) : new(ChangeVerdict.WithinNoise, delta);
    }

    private static KpiChange Judged(MetricDefinition metric, double delta) =>
        new(delta > 0 == metric.HigherIsBetter ? ChangeVerdict.Better : ChangeVerdict.Worse, delta);
}
