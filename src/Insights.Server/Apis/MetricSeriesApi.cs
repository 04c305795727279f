using System.Text;
using Insights.Domain.Metrics;
using Insights.Server.Auth;
using Insights.Server.Metrics;
using Insights.Warehouse.Metrics;
using Insights.Server.OpenApi;

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
        api.MapGet("/metrics/{metric}/series", async (string metric, HttpRequest request, MetricEngine engine, MetricScopeCheck scope, TimeProvider clock, CancellationToken ct) =>
                await AnswerAsync(metric, request, engine, scope, clock, rows => TypedResults.Ok(rows), ct))
            .WithName("GetMetricSeriesRows")
            .Produces<IReadOnlyList<IReadOnlyDictionary<string, object?>>>().ProducesProblems(400, 404, 503, 504)
            .WithSummary("One metric's series as flat JSON rows: metric, unit, period_start, time, then its figures (same parameters as GetMetric)");
        api.MapGet("/metrics/{metric}/series.csv", async (string metric, HttpRequest request, MetricEngine engine, MetricScopeCheck scope, TimeProvider clock, CancellationToken ct) =>
                await AnswerAsync(metric, request, engine, scope, clock, rows => TypedResults.Text(Csv(rows), "text/csv; charset=utf-8"), ct))
            .Produces<string>(contentType: "text/csv")
            .WithName("GetMetricSeriesCsv")
            .ProducesProblems(400, 404, 503, 504)
            .WithSummary("One metric's series as CSV with a header row (same columns as the JSON rows)");
        return app;
    }

    private static async Task<IResult> AnswerAsync(
        string metric, HttpRequest request, MetricEngine engine, MetricScopeCheck scope, TimeProvider clock, Func<IReadOnlyList<IReadOnlyDictionary<string, object?>>, IResult> shape, CancellationToken ct)
    {
        if (!MetricCatalog.TryGet(metric, out var definition))
        {
            return Problems.NotFound($"There is no metric '{metric}'. Metrics: {string.Join(", ", MetricCatalog.All.Select(m => m.Name))}.");
        }

        try
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var query = MetricRequest.Parse(definition, request.Query, today);
            var result = await engine.ComputeAsync(query, ct);
            if (result.Summary.N == 0)
            {
                await scope.ThrowIfUnknownAsync(query, ct);
            }

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
        if (rows.Count == 0)
        {
            return "metric,unit,period_start,time\r\n";
        }

        var text = new StringBuilder(CsvText.Line(rows[0].Keys));
        foreach (var row in rows)
        {
            text.Append(CsvText.Line(row.Values));
        }

        return text.ToString();
    }
}
