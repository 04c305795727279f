namespace Insights.Domain.Metrics;

/// <summary>Calendar arithmetic for ranges and series periods (UTC dates).</summary>
public static class PeriodCalendar
{
    public static DateOnly StartOf(DateOnly date, Interval interval) => interval switch
    {
        Interval.Day => date,
        Interval.Week => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
        Interval.Month => new DateOnly(date.Year, date.Month, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, null),
    };

    public static DateOnly Next(DateOnly periodStart, Interval interval) => interval switch
    {
        Interval.Day => periodStart.AddDays(1),
        Interval.Week => periodStart.AddDays(7),
        Interval.Month => periodStart.AddMonths(1),
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, null),
    };

    /// <summary>Every period that overlaps [from, to), in order.</summary>
    public static IEnumerable<DateOnly> Periods(DateOnly from, DateOnly to, Interval interval)
    {
        for (var start = StartOf(from, interval); start < to; start = Next(start, interval))
        {
            yield return start;
        }
    }

    /// <summary>Monday of the ISO week that contains <paramref name="date"/>.</summary>
    public static DateOnly Monday(DateOnly date) => StartOf(date, Interval.Week);
}
