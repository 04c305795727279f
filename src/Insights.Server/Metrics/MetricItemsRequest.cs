using System.Globalization;
using Insights.Domain.Metrics;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Metrics;

/// <summary>Reads the items' query string: the metric's own parameters (<see cref="MetricRequest"/>) and counted, period, limit.</summary>
public static class MetricItemsRequest
{
    /// <summary>The question without its cursor (decoding it needs the question: <see cref="ItemCursors"/>).</summary>
    public static MetricItemsQuery Parse(MetricDefinition metric, IQueryCollection query, DateOnly today)
    {
        var question = MetricRequest.Parse(metric, query, today);
        var counted = query["counted"].ToString() switch
        {
            "" or "all" => (bool?)null,
            "true" => true,
            "false" => false,
            var other => throw new MetricQueryException("counted", $"must be true, false or all; got '{other}'."),
        };
        var limit = MetricItemsQuery.DefaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MetricItemsQuery.MaxLimit))
        {
            throw new MetricQueryException("limit", $"must be a whole number from 1 to {MetricItemsQuery.MaxLimit}; got '{text}'.");
        }

        return new MetricItemsQuery(question)
        {
            Counted = counted,
            Period = MetricRequest.Date(query, "period"),
            Limit = limit,
        };
    }
}
