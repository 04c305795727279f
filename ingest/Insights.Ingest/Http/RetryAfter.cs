using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Insights.Ingest.Http;

/// <summary>How long a source asks us to wait: Retry-After (seconds or a date), or a vendor's reset header.</summary>
public static class RetryAfter
{
    public static TimeSpan? From(HttpResponseHeaders headers, DateTimeOffset now, params string[] resetSecondsHeaders)
    {
        if (headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta;
            }

            if (retryAfter.Date is { } date)
            {
                return date - now;
            }
        }

        foreach (var name in resetSecondsHeaders)
        {
            if (headers.TryGetValues(name, out var values)
                && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        return null;
    }

    public static bool IsThrottled(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests;
}
