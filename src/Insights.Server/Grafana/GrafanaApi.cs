using System.Text.Json;
using Insights.Server.Auth;
using Insights.Warehouse.Metrics;
using Insights.Server.OpenApi;

namespace Insights.Server.Grafana;

/// <summary>
/// The simPod JSON datasource protocol (<c>simpod-json-datasource</c>) under <c>/grafana</c>, read
/// scope; Grafana sends the key as a header (Access = Server). Every figure comes from
/// <see cref="MetricEngine"/> via <see cref="GrafanaQueryRunner"/>. Bad input is a 400 problem
/// naming the field (<c>targets[0].payload.team</c>); see docs/grafana.md.
/// </summary>
public static class GrafanaApi
{
    private const int MaxBodyBytes = 1 << 20;

    public static IEndpointRouteBuilder MapGrafanaApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/grafana").RequireAuthorization(Scopes.Read).WithTags("Grafana");
        api.MapGet("/", () => TypedResults.Json(new GrafanaStatus("ok", "Platform Insights"), GrafanaJson.Options))
            .WithName("GrafanaTestConnection")
            .Produces<GrafanaStatus>()
            .WithSummary("Grafana's \"Save & test\": 200 when the key may read");
        api.MapPost("/metrics", (HttpContext http, CancellationToken ct) =>
                HandleAsync<GrafanaMetricsRequest>(http, (_, _) => Task.FromResult<object>(GrafanaTargets.All), ct))
            .Accepts<GrafanaMetricsRequest>("application/json")
            .Produces<IReadOnlyList<GrafanaMetric>>()
            .WithName("GrafanaMetrics")
            .ProducesProblems(400, 413, 503, 504)
            .WithSummary("Every target (metrics, DORA and impact tables, catalog tables, event lists) with its payload options");
        api.MapPost("/metric-payload-options", (HttpContext http, CancellationToken ct) =>
                HandleAsync<GrafanaPayloadOptionsRequest>(http, async (body, runner) =>
                    await new GrafanaLookups(runner).PayloadOptionsAsync(body ?? new GrafanaPayloadOptionsRequest(null, null, null), ct), ct))
            .Accepts<GrafanaPayloadOptionsRequest>("application/json")
            .Produces<IReadOnlyList<GrafanaOption>>()
            .WithName("GrafanaMetricPayloadOptions")
            .ProducesProblems(400, 413, 503, 504)
            .WithSummary("The choices of one payload option (teams, services, environments…)");
        api.MapPost("/query", (HttpContext http, CancellationToken ct) =>
                HandleAsync<GrafanaQueryRequest>(http, async (body, runner) =>
                    await runner.QueryAsync(body ?? new GrafanaQueryRequest(null, null, null, null, null, null), ct), ct))
            .Accepts<GrafanaQueryRequest>("application/json")
            .Produces<IReadOnlyList<object>>()
            .WithName("GrafanaQuery")
            .ProducesProblems(400, 413, 503, 504)
            .WithSummary("Time series and tables for panels and annotations (range, intervalMs, maxDataPoints, targets, filters)");
        api.MapPost("/variable", (HttpContext http, CancellationToken ct) =>
                HandleAsync<GrafanaVariableRequest>(http, async (body, runner) => await VariableAsync(body, runner, ct), ct))
            .Accepts<GrafanaVariableRequest>("application/json")
            .Produces<IReadOnlyList<GrafanaVariableValue>>()
            .WithName("GrafanaVariable")
            .ProducesProblems(400, 413, 503, 504)
            .WithSummary("Values of a query variable: teams, services (of a team), environments, metrics, benchmarks");
        api.MapPost("/tag-keys", (HttpContext http, CancellationToken ct) =>
                HandleAsync<JsonElement?>(http, (_, _) =>
                    Task.FromResult<object>(GrafanaTargets.ScopeFields.Select(k => new GrafanaTagKey("string", k)).ToList()), ct))
            .Produces<IReadOnlyList<GrafanaTagKey>>()
            .WithName("GrafanaTagKeys")
            .ProducesProblems(400, 413, 503, 504)
            .WithSummary("Ad hoc filter keys: team, service, environment, golden_path");
        api.MapPost("/tag-values", (HttpContext http, CancellationToken ct) =>
                HandleAsync<GrafanaTagValuesRequest>(http, async (body, runner) =>
                    (await new GrafanaLookups(runner).TagValuesAsync(body?.Key, ct)).Select(o => new GrafanaTagValue(o.Value)).ToList(), ct))
            .Accepts<GrafanaTagValuesRequest>("application/json")
            .Produces<IReadOnlyList<GrafanaTagValue>>()
            .WithName("GrafanaTagValues")
            .ProducesProblems(400, 413, 503, 504)
            .WithSummary("Values of an ad hoc filter key");
        return app;
    }

    private static async Task<object> VariableAsync(GrafanaVariableRequest? body, GrafanaQueryRunner runner, CancellationToken cancellationToken)
    {
        // A plain query string reaches us as {"target": "teams"}; a JSON query as the object itself.
        var payload = body?.Payload is { ValueKind: JsonValueKind.String } text && !text.GetString()!.TrimStart().StartsWith('{')
            ? GrafanaPayload.Read(JsonSerializer.SerializeToElement(new { target = text.GetString() }), "payload")
            : GrafanaPayload.Read(body?.Payload, "payload");
        payload.AllowOnly(["target", "team"], "/variable");
        var list = payload.Text("target") ?? throw new MetricQueryException("payload.target", $"is required: one of {string.Join(", ", GrafanaLookups.Lists)}.");
        if (!GrafanaLookups.Lists.Contains(list, StringComparer.Ordinal))
        {
            throw new MetricQueryException("payload.target", $"must be one of {string.Join(", ", GrafanaLookups.Lists)}; got '{list}'.");
        }

        var values = await new GrafanaLookups(runner).ListAsync(list, payload.Text("team"), cancellationToken).ConfigureAwait(false);
        return values.Select(v => new GrafanaVariableValue(v.Label, v.Value)).ToList();
    }

    /// <summary>Reads the body (optional; at most 1 MiB), runs <paramref name="answer"/>, and turns bad input into problems.</summary>
    private static async Task<IResult> HandleAsync<TRequest>(HttpContext http, Func<TRequest?, GrafanaQueryRunner, Task<object>> answer, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Problems.TooLarge($"The body is larger than {MaxBodyBytes} bytes.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return Problems.TooLarge($"The body is larger than {MaxBodyBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        TRequest? body = default;
        var bytes = buffer.ToArray();
        if (!bytes.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(bytes);
            }
            catch (JsonException ex)
            {
                return Problems.MalformedJson(ex);
            }

            using (document)
            {
                if (typeof(TRequest) != typeof(JsonElement?) && document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return Problems.Invalid("body", $"must be a JSON object; got {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
                }

                try
                {
                    body = document.RootElement.Deserialize<TRequest>(GrafanaJson.Options);
                }
                catch (JsonException ex)
                {
                    var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
                    return Problems.Invalid(field, $"has the wrong type or format: {ex.Message.Split(" Path:", 2)[0]}");
                }
            }
        }

        var runner = ActivatorUtilities.CreateInstance<GrafanaQueryRunner>(http.RequestServices);
        try
        {
            return TypedResults.Json(await answer(body, runner), GrafanaJson.Options);
        }
        catch (MetricQueryException ex)
        {
            return Problems.Invalid(ex.Parameter, ex.Reason);
        }
    }

    /// <summary>The answer to Grafana's "Save &amp; test".</summary>
    public sealed record GrafanaStatus(string Status, string Name);
}
