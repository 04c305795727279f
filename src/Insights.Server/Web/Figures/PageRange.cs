using System.Globalization;
using Insights.Domain.Metrics;
using Insights.Server.Metrics;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Web.Figures;

/// <summary>
/// The dates a page shows, as the API takes them: <c>[From, To)</c>. By default the last
/// <see cref="DefaultWeeks"/> complete ISO weeks; <c>weeks=N</c> picks another number of complete weeks;
/// <c>from</c> and <c>to</c> any range (checked as the API checks them, naming the bad field).
/// </summary>
public sealed record PageRange(DateOnly From, DateOnly To, int? Weeks)
{
    public const int DefaultWeeks = 12;

    public static IReadOnlyList<int> WeekChoices { get; } = [4, 12, 26, 52];

    public int Days => To.DayNumber - From.DayNumber;

    /// <summary>The range of the same length just before this one (for the change against it).</summary>
    public PageRange Previous => new(From.AddDays(-Days), From, Weeks);

    public DateOnly LastDay => To.AddDays(-1);

    public static PageRange Parse(IQueryCollection query, DateOnly today, int defaultWeeks = DefaultWeeks)
    {
        var from = MetricRequest.Date(query, "from");
        var to = MetricRequest.Date(query, "to");
        if (from is not null || to is not null)
        {
            var end = to ?? today.AddDays(1);
            var start = from ?? end.AddDays(-7 * defaultWeeks);
            if (end <= start)
            {
                throw new MetricQueryException("to", $"must be after from ({start:yyyy-MM-dd}); got {end:yyyy-MM-dd}.");
            }

            if (end.DayNumber - start.DayNumber > MetricEngine.MaxRangeDays)
            {
                throw new MetricQueryException("to", $"is more than {MetricEngine.MaxRangeDays} days after from; pick a shorter range.");
            }

            return new PageRange(start, end, null);
        }

        var weeks = defaultWeeks;
        if (query["weeks"].ToString() is { Length: > 0 } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out weeks) || weeks is < 1 or > 156))
        {
            throw new MetricQueryException("weeks", $"must be a whole number of weeks from 1 to 156; got '{text}'.");
        }

        var monday = PeriodCalendar.Monday(today);
        return new PageRange(monday.AddDays(-7 * weeks), monday, weeks);
    }

    /// <summary>The range as query-string parameters, so that links keep it.</summary>
    public IEnumerable<KeyValuePair<string, string>> Query() => Weeks is { } weeks
        ? [new("weeks", weeks.ToString(CultureInfo.InvariantCulture))]
        : [new("from", From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), new("to", To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))];

    /// <summary>"6 Jan – 30 Mar 2026": the first and the last day shown (To is not included).</summary>
    public string Label() => From.Year == LastDay.Year
        ? $"{From.ToString("d MMM", CultureInfo.InvariantCulture)} – {LastDay.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}"
        : $"{From.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} – {LastDay.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";
}
