using Insights.Server.Metrics;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Grafana;

/// <summary>
/// The dashboard range: exact times for event lists, whole UTC days for metrics — from the day
/// that holds <see cref="From"/> up to and including the day that holds <see cref="To"/>.
/// </summary>
public sealed record GrafanaTimeRange(DateTime From, DateTime To)
{
    public DateOnly FromDate => DateOnly.FromDateTime(From);

    /// <summary>Exclusive: a range ending at 00:00 does not take in that day.</summary>
    public DateOnly ToDate => DateOnly.FromDateTime(To).AddDays(To.TimeOfDay == TimeSpan.Zero ? 0 : 1);

    /// <summary>Without a range: the metric API's default, the 84 days up to now.</summary>
    public static GrafanaTimeRange Resolve(GrafanaRange? range, DateTime now)
    {
        var to = range?.To?.UtcDateTime ?? now;
        var from = range?.From?.UtcDateTime ?? to.Date.AddDays(-MetricRequest.DefaultDays + 1);
        // The warehouse stores DateTime (1970–2106); the metric API takes dates within these years too.
        foreach (var (name, time) in new[] { ("range.from", from), ("range.to", to) })
        {
            if (time.Year is < 1971 or > 2105)
            {
                throw new MetricQueryException(name, $"must lie between 1971 and 2105; got {time:yyyy-MM-dd}.");
            }
        }

        if (to <= from)
        {
            throw new MetricQueryException("range.to", $"must be after range.from ({from:yyyy-MM-dd'T'HH:mm:ss'Z'}).");
        }

        return new GrafanaTimeRange(DateTime.SpecifyKind(from, DateTimeKind.Utc), DateTime.SpecifyKind(to, DateTimeKind.Utc));
    }
}
