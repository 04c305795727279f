using System.Text.Json.Serialization;
using Insights.Domain.Events;
using Insights.Server.Auth;
using Insights.Server.Push;
using Insights.Server.OpenApi;
using Insights.Warehouse.Intake;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Insights.Server.Apis;

/// <summary>Push ingest: <c>POST /api/v1/{kind}</c> for every event kind (docs/api.md).</summary>
public static class IngestApi
{
    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Scopes.Ingest).WithTags("Ingest");
        foreach (var kind in EventKinds.All)
        {
            api.MapPost("/" + kind.Route(), (HttpContext context, EventIngestor ingestor, IOptions<IngestOptions> options, CancellationToken ct) =>
                    PushAsync(kind, context, ingestor, options.Value, ct))
                .WithName("Push" + kind)
                .WithSummary($"Push {kind.Route()} (JSON array, NDJSON or CSV; at most 10,000 items)")
                .Accepts<IngestItemsDocumentation>("application/json", "application/x-ndjson", "text/csv", "application/ndjson", "application/jsonl", "application/x-jsonlines")
                .Produces<PushResponse>(StatusCodes.Status202Accepted)
                .ProducesProblems(400, 413, 415, 503);
        }

        // Reached for unknown kinds, and for a POST whose Content-Type no endpoint at its path accepts
        // (an ingest kind, or another resource such as /api/v1/reports): routing then falls through to
        // this pattern. Any valid key may learn which it is; the endpoints themselves check scopes.
        app.MapGroup("/api/v1").RequireAuthorization()
            .MapPost("/{kind}", (string kind, HttpRequest request, EndpointDataSource endpoints) =>
                AcceptedContentTypes(endpoints, $"/api/v1/{kind}") is { Count: > 0 } accepted
                    ? Problems.UnsupportedMediaType(request.ContentType, accepted)
                    : Problems.NotFound($"There is no event kind '{kind}'. Push to one of: {string.Join(", ", EventKinds.All.Select(k => k.Route()))}."))
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> PushAsync(EventKind kind, HttpContext context, EventIngestor ingestor, IngestOptions options, CancellationToken ct)
    {
        var (body, problem) = await PushBody.ReadAsync(context.Request, options, ct);
        if (problem is not null)
        {
            return problem;
        }

        using (body)
        {
            IngestResult result;
            try
            {
                result = await ingestor.IngestAsync(kind, body!.Items, ct);
            }
            catch (SpoolFullException ex)
            {
                return Problems.Unavailable("Ingest is paused: the warehouse is unreachable and the spool is full. Retry later; nothing of this request was stored.", ex.RetryAfter, context);
            }

            var response = PushResponse.From(result);
            if (result.Accepted == 0 && result.Rejected.Count > 0)
            {
                // Nothing was stored: say so with an error status, keeping the same fields as the 202 answer.
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "No valid items",
                    detail: $"All {result.Rejected.Count} item(s) were rejected; see 'rejected' for each item's field errors.",
                    extensions: new Dictionary<string, object?>
                    {
                        ["accepted"] = 0,
                        ["rejected"] = response.Rejected,
                        // Every 400 has an errors map; here each item's fields, as "[index].field".
                        ["errors"] = response.Rejected
                            .SelectMany(r => r.Errors.Select(e => (Key: $"[{r.Index}].{e.Key}", e.Value)))
                            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
                    });
            }

            return TypedResults.Json(response, statusCode: StatusCodes.Status202Accepted);
        }
    }

    /// <summary>The content types the POST endpoint at exactly this path accepts; empty when there is none.</summary>
    private static List<string> AcceptedContentTypes(EndpointDataSource endpoints, string path) =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => string.Equals(e.RoutePattern.RawText?.TrimEnd('/'), path, StringComparison.OrdinalIgnoreCase)
                && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .SelectMany(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>Records stored and records rejected (survey answers uploaded as CSV).</summary>
    public sealed record IngestResponse(int Accepted, IReadOnlyList<RejectedResponse> Rejected);

    /// <summary>
    /// The 202 answer of a push: what was stored, what was rejected, and which stored items will not count
    /// as sent (the first 100; <c>warnings_omitted</c> counts the others).
    /// </summary>
    public sealed record PushResponse(
        int Accepted,
        IReadOnlyList<RejectedResponse> Rejected,
        IReadOnlyList<WarningResponse> Warnings,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int WarningsOmitted)
    {
        public static PushResponse From(IngestResult result) => new(
            result.Accepted,
            result.Rejected.Select(r => new RejectedResponse(r.Index, r.Errors)).ToList(),
            result.Warnings.Select(w => new WarningResponse(w.Index, w.Field, w.Message)).ToList(),
            result.WarningCount - result.Warnings.Count);
    }

    /// <summary>A stored item that will not count as sent: its index in the batch, the field to look at, and why.</summary>
    public sealed record WarningResponse(int Index, string Field, string Message);

    public sealed record RejectedResponse(int Index, IDictionary<string, string[]> Errors);

    /// <summary>Stands for the body until the API reference describes it with the kind's item schema (OpenApi/ApiOperationTransformer).</summary>
    public sealed class IngestItemsDocumentation : List<Dictionary<string, object>>;
}
