using System.Globalization;

namespace Insights.TestSupport;

/// <summary>A UTC time as the API takes it in test payloads: ISO 8601 to the second, with its Z.</summary>
public static class IsoTime
{
    public static string Of(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Of(DateTimeOffset time) => Of(time.UtcDateTime);
}
