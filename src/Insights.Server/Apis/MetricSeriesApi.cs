using System.Globalization;
using System.Text;
using Insights.Domain.Metrics;
using Insights.Server.Auth;
using Insights.Server.Metrics;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Apis;

/// <summary>
/// A metric's series as flat rows — JSON objects or CSV lines, one per period — for tools that read
/// plain tables (Grafana's Infinity datasource, spreadsheets). Same parameters and numbers as
/// <c>GET /api/v1/metrics/{metric}</c> (read scope); only the shape differs.
/// </summary>
public static class MetricSeriesApi
{
    public static IEndpointRouteBuilder MapMetricSeriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Scopes.Read).WithTags("Metrics");
        api.MapGet("/metrics/{metric}/series", async (string metric, HttpRequest request, MetricEngine engine, TimeProvider clock, CancellationToken ct) =>
                await AnswerAsync(metric, request, engine, clock, rows => TypedResults.Ok(rows), ct))
            .WithName("GetMetricSeriesRows")
            .WithSummary("One metric's series as flat JSON rows: metric, unit, period_start, time, then its figures (same parameters as GetMetric)");
        api.MapGet("/metrics/{metric}/series.csv", async (string metric, HttpRequest request, MetricEngine engine, TimeProvider clock, CancellationToken ct) =>
                await AnswerAsync(metric, request, engine, clock, rows => TypedResults.Text(Csv(rows), "text/csv; charset=utf-8"), ct))
            .Produces<string>(contentType: "text/csv")
            .WithName("GetMetricSeriesCsv")
            .WithSummary("One metric's series as CSV with a header row (same columns as the JSON rows)");
        return app;
    }

    private static async Task<IResult> AnswerAsync(
        string metric, HttpRequest request, MetricEngine engine, TimeProvider clock, Func<IReadOnlyList<IReadOnlyDictionary<string, object?>>, IResult> shape, CancellationToken ct)
    {
        if (!MetricCatalog.TryGet(metric, out var definition))
        {
            return Problems.NotFound($"There is no metric '{metric}'. Metrics: {string.Join(", ", MetricCatalog.All.Select(m => m.Name))}.");
        }

        try
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var result = await engine.ComputeAsync(MetricRequest.Parse(definition, request.Query, today), ct);
            return shape(Rows(result, definition));
        }
        catch (MetricQueryException ex)
        {
            return Problems.Invalid(ex.Parameter, ex.Reason);
        }
    }

    /// <summary>One row per period; every row has every column (a figure some periods lack is null there).</summary>
    internal static List<IReadOnlyDictionary<string, object?>> Rows(MetricResult result, MetricDefinition definition)
    {
        var figures = result.Series.SelectMany(p => p.Keys).Where(k => k != "period_start").Distinct(StringComparer.Ordinal).ToList();
        var rows = new List<IReadOnlyDictionary<string, object?>>(result.Series.Count);
        foreach (var point in result.Series)
        {
            var start = point.PeriodStart!.Value;
            var row = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["metric"] = result.Metric,
                ["unit"] = definition.PeriodUnit,
                ["period_start"] = start,
                ["time"] = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            };
            foreach (var figure in figures)
            {
                row[figure] = point[figure];
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>RFC 4180: a header row, then one line per row; empty cells for nulls; invariant numbers.</summary>
    internal static string Csv(IReadOnlyList<IReadOnlyDictionary<string, object?>> rows)
    {
        var text = new StringBuilder();
        if (rows.Count == 0)
        {
            return "metric,unit,period_start,time\r\n";
        }

        text.AppendJoin(',', rows[0].Keys.Select(Quote)).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Values.Select(v => Quote(Cell(v)))).Append("\r\n");
        }

        return text.ToString();
    }

    private static string Cell(object? value) => value switch
    {
        null => string.Empty,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Quote(string cell) => cell.IndexOfAny([',', '"', '\r', '\n']) >= 0
        ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
        : cell;
}
