using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Insights.Domain.Metrics;
using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Sql;
using Microsoft.Extensions.Options;

namespace Insights.Warehouse.Metrics;

/// <summary>
/// The rows behind a metric (docs/api.md, items): its folder's <c>rows.sql</c>, every candidate row with
/// whether it counts and why not — the very rows its <c>summary.sql</c> aggregates (<c>WHERE counted</c>),
/// after the same <c>setup.sql</c>, so that the counted items reproduce the summary (ItemConsistencyTests).
/// Pages are read in one stable order (at, kind, source, id) after a key; an export streams every row.
/// </summary>
public sealed partial class MetricItemReader(
    ClickHouseClient clickHouse,
    IOptionsMonitor<MetricsOptions> options,
    TimeProvider clock,
    IMeterFactory? meters = null,
    KeptRows.KeptRowsStore? keptRows = null)
{
    private const string Wrapper = "clickhouse/metrics/items.sql";

    /// <summary>The fields every item has, in order, before the metric's own.</summary>
    public static readonly IReadOnlyList<string> CommonFields = ["kind", "id", "source", "service", "team", "at", "counted", "value", "reason", "explanation"];

    private readonly Histogram<double>? _latency = meters?.Create("Insights.Metrics").CreateHistogram<double>(
        "insights.metrics.items.duration", "s", "Time to read one page of a metric's items from ClickHouse.");

    public MetricsOptions Options => options.CurrentValue;

    /// <summary>One page: up to <see cref="MetricItemsQuery.Limit"/> items after <see cref="MetricItemsQuery.After"/>.</summary>
    public async Task<MetricItemsPage> PageAsync(MetricItemsQuery query, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        await using var read = await OpenAsync(query, page: true, cancellationToken).ConfigureAwait(false);
        var items = new List<MetricItem>();
        await foreach (var item in read.Items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }

        _latency?.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("metric", query.Query.Metric.Name));
        // One row more than the page was asked for says that another page follows.
        var more = items.Count > query.Limit;
        if (more)
        {
            items.RemoveAt(items.Count - 1);
        }

        return new MetricItemsPage(items, more ? items[^1].Key : null, read.Suppressed);
    }

    /// <summary>Every item (no limit, no cursor), streamed as ClickHouse sends them; dispose it when done.</summary>
    public Task<MetricItemsExport> ExportAsync(MetricItemsQuery query, CancellationToken cancellationToken = default) =>
        OpenAsync(query, page: false, cancellationToken);

    /// <summary>The SQL of a page of items, as <c>explain</c> prints it.</summary>
    public string Explain(MetricItemsQuery query)
    {
        var (setup, _, page) = Render(query, page: true, materialize: false, kept: null);
        return string.Join(";\n\n", setup.Append(page)) + ";\n";
    }

    /// <summary>The metric's own fields, in order, after <see cref="CommonFields"/>.</summary>
    public static IReadOnlyList<string> Fields(MetricDefinition metric) => [.. CommonFields, .. metric.Items.Columns.Select(c => c.Name)];

    private async Task<MetricItemsExport> OpenAsync(MetricItemsQuery query, bool page, CancellationToken cancellationToken)
    {
        Validate(query);
        var metric = query.Query.Metric;
        var materialize = metric.Items.PrivateGroups;
        var kept = await KeptTableAsync(query, materialize, cancellationToken).ConfigureAwait(false);
        var (setup, groupSize, sql) = Render(query, page, materialize, kept);
        using var activity = ClickHouseClient.ActivitySource.StartActivity("metric items " + metric.Name);
        activity?.SetTag("insights.metric", metric.Name);
        var session = await MetricSession.OpenAsync(clickHouse, setup, cancellationToken).ConfigureAwait(false);
        try
        {
            if (groupSize is not null)
            {
                // Like the summary: a group of fewer than minimum_group_size is not shown at all.
                var rows = await session.QueryAsync(groupSize, cancellationToken).ConfigureAwait(false);
                var size = rows.Count == 0 ? 0 : long.Parse(rows[0]["n"].ToString(), CultureInfo.InvariantCulture);
                if (size > 0 && size < Options.MinimumGroupSize)
                {
                    return new MetricItemsExport(session, Empty(), suppressed: true);
                }
            }

            var settings = MetricItemExplainer.Settings(Options, query.Query);
            return new MetricItemsExport(session, ReadAsync(session, sql, metric, settings, cancellationToken), suppressed: false)
            {
                AnsweredFrom = kept is null ? AnswerPath.Reference : AnswerPath.KeptRows,
            };
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The kept table the items can be read from (docs/adr/0007-kept-rows.md): the summary's own, when kept on
    /// the data's current version, for the organisation's items (any environment) only. A team's or a
    /// service's items are read with narrowed scans, where an incident that names another team's deployment
    /// is listed as naming an unknown one; the organisation's rows name it, so their lists would differ (the
    /// counted rows do not). Not for a golden-path filter either (the kept rows place a change no deployment
    /// shipped in the "other" group, which the summary never counts but a list would show), nor for metrics
    /// whose groups may be too small to show.
    /// </summary>
    private async Task<KeptRows.KeptTable?> KeptTableAsync(MetricItemsQuery query, bool materialize, CancellationToken cancellationToken)
    {
        var question = query.Query.WithApplicableFilters();
        if (keptRows is not { Enabled: true } || materialize || question.GoldenPath is not null
            || !string.IsNullOrEmpty(question.Team) || !string.IsNullOrEmpty(question.Service)
            || KeptRows.KeptRowsShape.For(query.Query, Options, clock.GetUtcNow().UtcDateTime) is not { } shape)
        {
            return null;
        }

        return await keptRows.FindAsync(shape, cancellationToken).ConfigureAwait(false);
    }

    private (IReadOnlyList<string> Setup, string? GroupSize, string Query) Render(MetricItemsQuery query, bool page, bool materialize, KeptRows.KeptTable? kept)
    {
        var metric = query.Query.Metric;
        var fragments = new Dictionary<string, string>(MetricFragments.Build(query.Query, Options, clock.GetUtcNow().UtcDateTime, items: true), StringComparer.Ordinal);
        var rows = kept is null ? SqlTemplate.Render(metric.RowsFile, fragments) : MetricSql.KeptRowsOf(fragments, kept);
        var setup = kept is null ? MetricSql.SetupOf(metric, fragments).ToList() : [];
        if (materialize)
        {
            setup.Add($"CREATE TEMPORARY TABLE metric_rows AS {rows}");
            fragments["rows"] = "metric_rows";
        }
        else
        {
            fragments["rows"] = $"(\n{rows}\n)";
        }

        fragments["columns"] = string.Join(", ", Fields(metric).Where(f => f != "explanation"));
        fragments["counted_filter"] = query.Counted switch { true => "counted = 1", false => "counted = 0", null => "1" };
        fragments["period_filter"] = query.Period is { } period ? $"{fragments["period"]}(at) = {SqlLiteral.Render(period)}" : "1";
        fragments["after_filter"] = query.After is { } after
            ? $"(at, kind, source, id) > ({SqlLiteral.DateTime(after.At)}, {SqlLiteral.String(after.Kind)}, {SqlLiteral.String(after.Source)}, {SqlLiteral.String(after.Id)})"
            : "1";
        fragments["limit"] = page ? $"LIMIT {(query.Limit + 1).ToString(CultureInfo.InvariantCulture)}" : string.Empty;
        var sql = SqlTemplate.Render(Wrapper, fragments);
        var groupSize = materialize ? $"SELECT count() AS n FROM metric_rows WHERE {fragments["period_filter"]}" : null;
        return (setup, groupSize, sql);
    }

    private static void Validate(MetricItemsQuery query)
    {
        MetricEngine.Validate(query.Query);
        var metric = query.Query.Metric;
        if (!metric.Items.Available)
        {
            throw new MetricItemsForbiddenException(metric.Name, metric.Items.Forbidden!);
        }

        if (!SqlResources.Exists(metric.RowsFile))
        {
            throw new MetricQueryException("metric", $"'{metric.Name}' has no items in this version.");
        }

        if (query.Limit is < 1 or > MetricItemsQuery.MaxLimit)
        {
            throw new MetricQueryException("limit", $"must be a whole number from 1 to {MetricItemsQuery.MaxLimit}; got {query.Limit}.");
        }

        if (query.Period is { } period && !PeriodCalendar.Periods(query.Query.From, query.Query.To, query.Query.Interval).Contains(period))
        {
            throw new MetricQueryException("period", $"must be the start of a {query.Query.Interval.ToString().ToLowerInvariant()} of the series from {query.Query.From:yyyy-MM-dd} to {query.Query.To:yyyy-MM-dd} (a period_start of GET /api/v1/metrics/{metric.Name}); got {period:yyyy-MM-dd}.");
        }

        foreach (var column in metric.Items.Columns)
        {
            if (!Identifier().IsMatch(column.Name) || CommonFields.Contains(column.Name))
            {
                throw new InvalidOperationException($"{metric.Name}'s manifest names the item field '{column.Name}', which is not a plain column name or repeats a common field.");
            }
        }
    }

    private static async IAsyncEnumerable<MetricItem> ReadAsync(
        MetricSession session, string sql, MetricDefinition metric, IReadOnlyDictionary<string, string> settings, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var fields = Fields(metric);
        await foreach (var row in session.StreamAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            var values = new List<KeyValuePair<string, object?>>(fields.Count);
            foreach (var field in fields)
            {
                values.Add(new(field, field switch
                {
                    "explanation" => null,
                    "counted" => Number(row[field]) is > 0,
                    "value" => Number(row[field]),
                    "reason" => row[field].GetString() is { Length: > 0 } reason ? reason : null,
                    "kind" or "id" or "source" or "service" or "team" => row[field].GetString() ?? string.Empty,
                    _ => Convert(field, row[field]),
                }));
            }

            var item = new MetricItem(values);
            if (item.Reason is { } code)
            {
                values[CommonFields.Count - 1] = new("explanation", MetricItemExplainer.Explain(metric.Name, code, item, settings));
            }

            yield return item;
        }
    }

    private static async IAsyncEnumerable<MetricItem> Empty()
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield break;
    }

    /// <summary>
    /// A field as the API gives it: by the naming convention of the rows (docs/development.md), <c>at</c>
    /// and <c>*_at</c> are UTC times and <c>*_date</c> dates; numbers stay numbers (whole ones as whole),
    /// lists stay lists, text stays text.
    /// </summary>
    private static object? Convert(string name, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number:
                return element.TryGetInt64(out var whole) && !element.GetRawText().Contains('.', StringComparison.Ordinal) && !element.GetRawText().Contains('e', StringComparison.OrdinalIgnoreCase)
                    ? whole
                    : element.GetDouble();
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToArray();
            case JsonValueKind.String when name == "at" || name.EndsWith("_at", StringComparison.Ordinal):
                return ParseTime(element.GetString()!);
            case JsonValueKind.String when name.EndsWith("_date", StringComparison.Ordinal):
                return DateOnly.ParseExact(element.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            case JsonValueKind.String:
                return element.GetString();
            default:
                return element.GetRawText();
        }
    }

    private static DateTime ParseTime(string text) =>
        DateTime.SpecifyKind(DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private static double? Number(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String when double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex Identifier();
}
