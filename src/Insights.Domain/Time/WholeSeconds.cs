namespace Insights.Domain.Time;

/// <summary>
/// Times the product stores and shows are whole UTC seconds (ClickHouse <c>DateTime</c>, the API's
/// <c>2026-03-02T14:05:00Z</c>): cutting the fraction where a time enters keeps what is stored, shown
/// and compared the same.
/// </summary>
public static class WholeSeconds
{
    /// <summary><paramref name="utc"/> without its fraction of a second, as a UTC time.</summary>
    public static DateTime Of(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
