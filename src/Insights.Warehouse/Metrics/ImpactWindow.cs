namespace Insights.Warehouse.Metrics;

/// <summary>
/// One side of a team's before/after comparison: the four keys over [<see cref="From"/>, <see cref="To"/>),
/// and how much of that window the team's data actually covers. A "12 weeks before" that starts before the
/// team's first data is really the few days since it (the demo's payments: 10 days), so its figures are
/// marked rather than compared as if they were 12 weeks.
/// </summary>
/// <param name="CoveredWeeks">Days of the window on or after the team's first day of data, in weeks (2 decimals).</param>
/// <param name="StartsBeforeData">The window starts before the team's first day of data (or the team has none).</param>
/// <param name="LowCoverage">
/// Read with care: the window starts before the team's data or holds fewer than <see cref="MinimumWeeks"/>
/// weeks of it.
/// </param>
public sealed record ImpactWindow(DateOnly From, DateOnly To, double CoveredWeeks, bool StartsBeforeData, bool LowCoverage, IReadOnlyDictionary<string, MetricValues> Metrics)
{
    /// <summary>The fewest weeks of data a window needs to be compared without a mark.</summary>
    public const int MinimumWeeks = 4;

    public static ImpactWindow Of(DateOnly from, DateOnly to, DateOnly? dataFrom, IReadOnlyDictionary<string, MetricValues> metrics)
    {
        var startsBeforeData = dataFrom is not { } first || from < first;
        var coveredFrom = dataFrom is { } day && day > from ? day : from;
        var coveredDays = dataFrom is null ? 0 : Math.Max(0, to.DayNumber - coveredFrom.DayNumber);
        var coveredWeeks = Math.Round(coveredDays / 7.0, 2, MidpointRounding.AwayFromZero);
        return new ImpactWindow(from, to, coveredWeeks, startsBeforeData, startsBeforeData || coveredWeeks < MinimumWeeks, metrics);
    }
}
