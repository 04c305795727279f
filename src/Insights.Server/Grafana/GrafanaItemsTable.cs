using Insights.Domain.Metrics;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Grafana;

/// <summary>
/// The <c>items</c> target: the rows behind a metric as a table (docs/grafana.md) — the drill-down of a
/// stat panel. One page (payload <c>limit</c>, at most 1,000) of <see cref="MetricItemReader"/>'s rows,
/// <c>at</c> as a time column, the metric's own fields after the common ones.
/// </summary>
public static class GrafanaItemsTable
{
    public const string Target = "items";

    public static IReadOnlyList<string> Counted { get; } = ["all", "true", "false"];

    /// <summary>The metrics a panel may drill into (those with items).</summary>
    public static IReadOnlyList<MetricDefinition> Metrics => [.. MetricCatalog.All.Where(m => m.Items.Available)];

    public static async Task<GrafanaTable> QueryAsync(MetricItemReader reader, MetricQuery query, GrafanaPayload payload, string? refId, CancellationToken cancellationToken)
    {
        var items = new MetricItemsQuery(query)
        {
            Counted = payload.Choice("counted", Counted, "all") switch { "true" => true, "false" => false, _ => null },
            Limit = payload.Whole("limit", 1, MetricItemsQuery.MaxLimit, MetricItemsQuery.DefaultLimit),
        };
        var page = await reader.PageAsync(items, cancellationToken).ConfigureAwait(false);
        var fields = MetricItemReader.Fields(query.Metric);
        var columns = fields.Select(f => Column(f, page.Items.Select(i => i[f]).FirstOrDefault(v => v is not null))).ToList();
        var rows = page.Items.Select(item => fields.Select(f => Cell(item[f])).ToArray()).ToList();
        return new GrafanaTable(refId, columns, rows);
    }

    private static GrafanaColumn Column(string field, object? sample) => field switch
    {
        "at" => GrafanaColumn.Time(field),
        "counted" => GrafanaColumn.Boolean(field),
        "value" => GrafanaColumn.Number(field),
        _ when field.EndsWith("_at", StringComparison.Ordinal) => GrafanaColumn.Time(field),
        _ => sample switch
        {
            double or long => GrafanaColumn.Number(field),
            bool => GrafanaColumn.Boolean(field),
            _ => GrafanaColumn.String(field),
        },
    };

    private static object? Cell(object? value) => value switch
    {
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
        DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        IEnumerable<string> list when value is not string => string.Join(", ", list),
        _ => value,
    };
}
