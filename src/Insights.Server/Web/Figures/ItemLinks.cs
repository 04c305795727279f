using System.Globalization;

namespace Insights.Server.Web.Figures;

/// <summary>
/// Links from a figure to the rows behind it (<c>/items/{metric}</c>, the web's view of
/// <c>GET /api/v1/metrics/{metric}/items</c>) and to their CSV, keeping the figure's scope and range.
/// </summary>
public static class ItemLinks
{
    public static string Rows(string metric, PageScope scope, PageRange range, DateOnly? period = null, string? interval = null, string? counted = null, bool? goldenPath = null) =>
        "/items/" + Uri.EscapeDataString(metric) + Query(scope, range, period, interval, counted, goldenPath);

    public static string Csv(string metric, PageScope scope, PageRange range, DateOnly? period = null, string? interval = null, string? counted = null, bool? goldenPath = null) =>
        "/items/" + Uri.EscapeDataString(metric) + ".csv" + Query(scope, range, period, interval, counted, goldenPath);

    private static QueryString Query(PageScope scope, PageRange range, DateOnly? period, string? interval, string? counted, bool? goldenPath)
    {
        var query = new List<KeyValuePair<string, string?>>();
        query.AddRange(scope.Query().Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)));
        query.AddRange(range.Query().Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)));
        if (interval is not null && interval != "week")
        {
            query.Add(new("interval", interval));
        }

        if (period is { } start)
        {
            query.Add(new("period", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        if (goldenPath is { } golden)
        {
            query.Add(new("golden_path", golden ? "true" : "false"));
        }

        if (counted is not null && counted != "all")
        {
            query.Add(new("counted", counted));
        }

        return QueryString.Create(query);
    }
}
