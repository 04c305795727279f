using Insights.Domain.Metrics;
using Insights.Server.Auth;
using Insights.Server.Metrics;
using Insights.Warehouse.Metrics;
using Insights.Server.OpenApi;

namespace Insights.Server.Apis;

/// <summary>The metrics, DORA summary and before/after impact (read scope). Every number comes from <see cref="MetricEngine"/>.</summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Scopes.Read).WithTags("Metrics");
        api.MapGet("/metrics", () => TypedResults.Ok(MetricCatalog.All.Select(m => new MetricListing(m.Name, m.Title, m.Unit, m.Docs))))
            .WithName("ListMetrics");
        api.MapGet("/metrics/{metric}", GetMetricAsync)
            .WithName("GetMetric")
            .Produces<MetricResult>().ProducesProblems(400, 404, 503, 504)
            .WithSummary("One metric over a range: summary, breakdown and series (from, to, team, service, environment, golden_path, interval, benchmark)");
        api.MapGet("/dora", GetDoraAsync)
            .WithName("GetDora")
            .Produces<DoraResult>().ProducesProblems(400, 503, 504)
            .WithSummary("The four keys with their bands and the overall level (the weakest key)");
        api.MapGet("/impact", GetImpactAsync)
            .WithName("GetImpact")
            .Produces<ImpactResult>().ProducesProblems(400, 503, 504)
            .WithSummary("Before/after a team's platform adoption, and golden-path vs other deployments");
        return app;
    }

    /// <summary>The response header that says how a metric's answer was computed: <c>kept-rows</c> or <c>reference</c>.</summary>
    public const string AnsweredFromHeader = "Insights-Answered-From";

    private static async Task<IResult> GetMetricAsync(string metric, HttpRequest request, MetricEngine engine, MetricScopeCheck scope, TimeProvider clock, CancellationToken ct)
    {
        if (!MetricCatalog.TryGet(metric, out var definition))
        {
            return Problems.NotFound($"There is no metric '{metric}'. Metrics: {string.Join(", ", MetricCatalog.All.Select(m => m.Name))}.");
        }

        return await Answer(async () =>
        {
            var query = MetricRequest.Parse(definition, request.Query, Today(clock));
            var result = await engine.ComputeAsync(query, ct);
            if (result.Summary.N == 0)
            {
                await scope.ThrowIfUnknownAsync(query, ct);
            }

            // Which path computed it (docs/adr/0007-kept-rows.md): for operators and the benchmark, not part of the answer.
            request.HttpContext.Response.Headers[AnsweredFromHeader] = result.AnsweredFrom == AnswerPath.KeptRows ? "kept-rows" : "reference";
            return TypedResults.Ok(result);
        });
    }

    private static async Task<IResult> GetDoraAsync(HttpRequest request, DoraService dora, MetricScopeCheck scope, TimeProvider clock, CancellationToken ct) =>
        await Answer(async () =>
        {
            // The scope of the four keys (the first key's question, with every filter a key takes).
            var query = MetricRequest.Parse(MetricCatalog.FourKeys[0], request.Query, Today(clock));
            var result = await dora.ComputeAsync(query, ct);
            if (result.Metrics.All(k => k.Summary.N == 0))
            {
                await scope.ThrowIfUnknownAsync(query, ct);
            }

            return TypedResults.Ok(result);
        });

    private static async Task<IResult> GetImpactAsync(HttpRequest request, ImpactService impact, MetricScopeCheck scope, TimeProvider clock, CancellationToken ct) =>
        await Answer(async () =>
        {
            var weeks = request.Query["weeks"].ToString() is { Length: > 0 } text
                ? int.TryParse(text, out var w) && w is >= 1 and <= 52 ? w : throw new MetricQueryException("weeks", $"must be a whole number from 1 to 52; got '{text}'.")
                : 12;
            var team = MetricRequest.Text(request.Query, "team");
            var to = MetricRequest.Date(request.Query, "to") ?? Today(clock).AddDays(1);
            var from = MetricRequest.Date(request.Query, "from") ?? to.AddDays(-7 * weeks);
            var result = await impact.ComputeAsync(team, weeks, from, to, MetricRequest.Text(request.Query, "benchmark"), Today(clock), ct);
            if (result.Team is { AdoptedOn: null })
            {
                await scope.ThrowIfUnknownAsync(team, null, ct);
            }

            return TypedResults.Ok(result);
        });

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static async Task<IResult> Answer(Func<Task<IResult>> compute)
    {
        try
        {
            return await compute();
        }
        catch (MetricQueryException ex)
        {
            return Problems.Invalid(ex.Parameter, ex.Reason);
        }
    }

    /// <summary>A metric as <c>GET /api/v1/metrics</c> lists it.</summary>
    public sealed record MetricListing(string Name, string Title, string Unit, string Docs);
}
