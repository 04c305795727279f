using Insights.Domain.Metrics;
using Insights.Server.Auth;
using Insights.Server.Metrics;
using Insights.Server.OpenApi;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Apis;

/// <summary>
/// The rows behind a metric (read scope; docs/api.md, "Items"): every row its definition considered,
/// whether it counted, what it contributed and, when it did not count, why — a page of JSON, or every
/// row as CSV (streamed). Rows come from <see cref="MetricItemReader"/>, out of the metric's own folder.
/// </summary>
public static class MetricItemsApi
{
    private const string CsvType = "text/csv";

    public static IEndpointRouteBuilder MapMetricItemsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Scopes.Read).WithTags("Metrics");
        api.MapGet("/metrics/{metric}/items", GetItemsAsync)
            .WithName("GetMetricItems")
            .Produces<MetricItemsResponse>().ProducesProblems(400, 403, 404, 503, 504)
            .WithSummary("The rows behind a metric: one page of JSON (counted, period, limit, cursor, and the metric's parameters), or every row as CSV with Accept: text/csv");
        api.MapGet("/metrics/{metric}/items.csv", GetItemsCsvAsync)
            .Produces<string>(contentType: CsvType).ProducesProblems(400, 403, 404, 503, 504)
            .WithName("GetMetricItemsCsv")
            .WithSummary("Every row behind a metric as CSV, streamed (same parameters as GetMetricItems; limit and cursor do not apply)");
        return app;
    }

    private static Task<IResult> GetItemsAsync(string metric, HttpContext context, MetricItemReader reader, ItemCursors cursors, MetricScopeCheck scope, TimeProvider clock, CancellationToken ct) =>
        context.Request.Headers.Accept.Any(a => a?.Contains(CsvType, StringComparison.OrdinalIgnoreCase) == true)
            ? GetItemsCsvAsync(metric, context, reader, scope, clock, ct)
            : AnswerAsync(metric, context, clock, async (query, definition) =>
            {
                if (context.Request.Query["cursor"].ToString() is { Length: > 0 } cursor)
                {
                    query = query with { After = await cursors.DecodeAsync(cursor, query, ct) };
                }

                var page = await reader.PageAsync(query, ct);
                if (page.Items.Count == 0 && !page.Suppressed)
                {
                    await scope.ThrowIfUnknownAsync(query.Query, ct);
                }

                return TypedResults.Ok(new MetricItemsResponse(
                    definition.Name,
                    query.Query.From,
                    query.Query.To,
                    MetricEngine.FiltersOf(query.Query),
                    query.Query.Interval.ToString().ToLowerInvariant(),
                    query.Period,
                    query.Counted switch { true => "true", false => "false", null => "all" },
                    page.Suppressed,
                    page.Items,
                    page.Next is { } next ? await cursors.EncodeAsync(query, next, ct) : null));
            });

    private static Task<IResult> GetItemsCsvAsync(string metric, HttpContext context, MetricItemReader reader, MetricScopeCheck scope, TimeProvider clock, CancellationToken ct) =>
        AnswerAsync(metric, context, clock, async (query, definition) =>
        {
            var export = await reader.ExportAsync(query, ct);
            try
            {
                if (export.Suppressed)
                {
                    await export.DisposeAsync();
                    return Problems.Forbidden(
                        "Suppressed for privacy",
                        $"This group has fewer than {reader.Options.MinimumGroupSize} (metrics.minimum_group_size) {string.Join(" or ", definition.Items.Kinds)}s: its items are not shown, like its summary.");
                }

                // The first row is read before answering, so that a failing question is a problem, not a cut-off file.
                var rows = export.Items.GetAsyncEnumerator(ct);
                var first = await rows.MoveNextAsync();
                if (!first)
                {
                    await scope.ThrowIfUnknownAsync(query.Query, ct);
                }

                return TypedResults.Stream(
                    body => MetricItemsCsv.WriteAsync(body, export, rows, first, definition),
                    $"{CsvType}; charset=utf-8",
                    fileDownloadName: $"{definition.Name}-items.csv");
            }
            catch
            {
                await export.DisposeAsync();
                throw;
            }
        });

    private static async Task<IResult> AnswerAsync(string metric, HttpContext context, TimeProvider clock, Func<MetricItemsQuery, MetricDefinition, Task<IResult>> answer)
    {
        if (!MetricCatalog.TryGet(metric, out var definition))
        {
            return Problems.NotFound($"There is no metric '{metric}'. Metrics: {string.Join(", ", MetricCatalog.All.Select(m => m.Name))}.");
        }

        try
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            return await answer(MetricItemsRequest.Parse(definition, context.Request.Query, today), definition);
        }
        catch (MetricQueryException ex)
        {
            return Problems.Invalid(ex.Parameter, ex.Reason);
        }
        catch (MetricItemsForbiddenException ex)
        {
            return Problems.Forbidden("Not listed for privacy", ex.Reason);
        }
    }
}
