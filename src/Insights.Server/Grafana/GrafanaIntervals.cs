using Insights.Domain.Metrics;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Grafana;

/// <summary>
/// Maps Grafana's <c>intervalMs</c> and <c>maxDataPoints</c> onto the metric periods. "auto" takes
/// the finest of day, week and month that is at least <c>intervalMs</c> long and gives at most
/// <c>maxDataPoints</c> points (and at most the engine's 1,000), else month. Without
/// <c>intervalMs</c>: week, the API's default.
/// A panel's "Min interval" (e.g. <c>7d</c>) therefore pins its trend to weeks.
/// </summary>
public static class GrafanaIntervals
{
    private static readonly (Interval Interval, TimeSpan Length)[] Candidates =
    [
        (Interval.Day, TimeSpan.FromDays(1)),
        (Interval.Week, TimeSpan.FromDays(7)),
        (Interval.Month, TimeSpan.FromDays(31)),
    ];

    public static Interval Choose(string requested, DateOnly from, DateOnly to, double? intervalMs, double? maxDataPoints) => requested switch
    {
        "day" => Interval.Day,
        "week" => Interval.Week,
        "month" => Interval.Month,
        _ => Auto(from, to, intervalMs, maxDataPoints),
    };

    private static Interval Auto(DateOnly from, DateOnly to, double? intervalMs, double? maxDataPoints)
    {
        var wanted = intervalMs is > 0 ? TimeSpan.FromMilliseconds(intervalMs.Value) : TimeSpan.FromDays(7);
        // The engine refuses more than MaxPeriods periods; auto never asks for more.
        var points = maxDataPoints is >= 1 ? (int)Math.Min(maxDataPoints.Value, MetricEngine.MaxPeriods) : MetricEngine.MaxPeriods;
        foreach (var (interval, length) in Candidates)
        {
            if (length >= wanted && PeriodCalendar.Periods(from, to, interval).Take(points + 1).Count() <= points)
            {
                return interval;
            }
        }

        return Interval.Month;
    }
}
