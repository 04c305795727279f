using System.Globalization;

namespace Insights.Reports.Weeks;

/// <summary>
/// An ISO 8601 week (Monday to Sunday), written <c>2026-W13</c>. Its days are UTC dates, like every
/// metric range: the report for a week is the metrics over [<see cref="Monday"/>, <see cref="End"/>).
/// </summary>
public readonly record struct IsoWeek : IComparable<IsoWeek>
{
    private IsoWeek(int year, int week)
    {
        Year = year;
        Week = week;
    }

    public int Year { get; }

    public int Week { get; }

    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    public DateOnly Sunday => Monday.AddDays(6);

    /// <summary>The Monday after the week: the exclusive end of its range.</summary>
    public DateOnly End => Monday.AddDays(7);

    public static IsoWeek Containing(DateOnly date)
    {
        var day = date.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(day), ISOWeek.GetWeekOfYear(day));
    }

    /// <summary>
    /// The last week that has ended at <paramref name="now"/> in <paramref name="zone"/>: on Monday
    /// morning in Berlin, the week that ended on Sunday.
    /// </summary>
    public static IsoWeek LastFull(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return Containing(local).Previous;
    }

    public IsoWeek Previous => Containing(Monday.AddDays(-7));

    public IsoWeek Next => Containing(Monday.AddDays(7));

    /// <summary>Reads <c>2026-W13</c> (also <c>2026-w13</c>); false for anything else or a week the year does not have.</summary>
    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        text = text?.Trim();
        if (text is not { Length: 8 } || text[4] != '-' || char.ToUpperInvariant(text[5]) != 'W'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year is < 1971 or > 2104 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        week = new IsoWeek(year, number);
        return true;
    }

    public int CompareTo(IsoWeek other) => Monday.CompareTo(other.Monday);

    public static bool operator <(IsoWeek left, IsoWeek right) => left.CompareTo(right) < 0;

    public static bool operator >(IsoWeek left, IsoWeek right) => left.CompareTo(right) > 0;

    public static bool operator <=(IsoWeek left, IsoWeek right) => left.CompareTo(right) <= 0;

    public static bool operator >=(IsoWeek left, IsoWeek right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-W{Week:D2}");
}
