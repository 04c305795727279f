using System.Globalization;
using Insights.Domain.Metrics;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Metrics;

/// <summary>Reads the metric query-string parameters (docs/api.md) into a <see cref="MetricQuery"/>, naming any bad one.</summary>
public static class MetricRequest
{
    /// <summary>Without from/to: the 12 weeks up to and including today.</summary>
    public const int DefaultDays = 84;

    public static MetricQuery Parse(MetricDefinition metric, IQueryCollection query, DateOnly today)
    {
        var to = Date(query, "to") ?? today.AddDays(1);
        var from = Date(query, "from") ?? to.AddDays(-DefaultDays);
        var interval = query["interval"].ToString() switch
        {
            "" or "week" => Interval.Week,
            "day" => Interval.Day,
            "month" => Interval.Month,
            var other => throw new MetricQueryException("interval", $"must be day, week or month; got '{other}'."),
        };
        var golden = query["golden_path"].ToString() switch
        {
            "" => (bool?)null,
            "true" => true,
            "false" => false,
            var other => throw new MetricQueryException("golden_path", $"must be true or false; got '{other}'."),
        };
        var result = new MetricQuery(metric, from, to)
        {
            Team = Text(query, "team"),
            Service = Text(query, "service"),
            Environment = Text(query, "environment"),
            GoldenPath = golden,
            Interval = interval,
            Benchmark = Text(query, "benchmark"),
            Campaign = Text(query, "campaign"),
        };
        MetricEngine.Validate(result);
        return result;
    }

    public static DateOnly? Date(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new MetricQueryException(name, $"must be a date YYYY-MM-DD; got '{text}'.");
        }

        // ClickHouse's DateTime holds 1970–2105; the range scans reach back from a date (lookback, slack).
        return date.Year is >= 1971 and <= 2105
            ? date
            : throw new MetricQueryException(name, $"must be between 1971-01-01 and 2105-12-31; got '{text}'.");
    }

    public static string? Text(IQueryCollection query, string name)
    {
        var text = query[name].ToString().Trim();
        if (text.Length > 256)
        {
            throw new MetricQueryException(name, "is longer than 256 characters.");
        }

        return text.Length == 0 ? null : text;
    }
}
