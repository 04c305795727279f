using Insights.Domain.Events;
using Insights.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Insights.Server.OpenApi;

/// <summary>
/// Each operation as the host really serves it, read from its endpoint metadata: who may call it (the
/// security schemes, and the 401/403 problems), the rate limit every API request is under (429), and
/// for push ingest the item schema of its kind in each accepted format.
/// </summary>
public sealed class ApiOperationTransformer : IOpenApiOperationTransformer
{
    private static readonly string[] NdJson = ["application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines"];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var path = "/" + (context.Description.RelativePath ?? "");
        operation.Responses ??= new OpenApiResponses();
        if (!metadata.OfType<IAllowAnonymous>().Any() && metadata.OfType<IAuthorizeData>().ToList() is { Count: > 0 } authorize)
        {
            var scope = authorize.Select(a => a.Policy).FirstOrDefault(p => p is not null && Scopes.IsKnown(p));
            operation.Security =
            [
                Requirement(ApiDocumentTransformer.Bearer, context.Document),
                Requirement(ApiDocumentTransformer.Basic, context.Document),
                Requirement(ApiDocumentTransformer.ApiKeyHeader, context.Document),
            ];
            operation.Description = Join(operation.Description, scope is null ? "Needs a valid API key." : $"Needs an API key with the `{scope}` scope (or `admin`).");
            AddProblem(operation, context, StatusCodes.Status401Unauthorized, "No API key, or one that is unknown, revoked or expired (`WWW-Authenticate: Bearer`).");
            if (scope is not null)
            {
                AddProblem(operation, context, StatusCodes.Status403Forbidden, $"The key lacks the `{scope}` scope.");
            }
        }

        if (!path.StartsWith("/healthz", StringComparison.Ordinal) && !path.StartsWith("/readyz", StringComparison.Ordinal))
        {
            AddProblem(operation, context, StatusCodes.Status429TooManyRequests, "Over the key's (or, without a key, the address's) request rate; see Retry-After.");
        }

        if (EventKinds.All.FirstOrDefault(k => operation.OperationId == "Push" + k) is var kind && operation.OperationId == "Push" + kind)
        {
            DescribePushBody(operation, kind, context.Document!);
        }

        return Task.CompletedTask;
    }

    private static void DescribePushBody(OpenApiOperation operation, EventKind kind, OpenApiDocument document)
    {
        var item = new OpenApiSchemaReference(EventItemSchemas.ComponentName(kind), document);
        var content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
        {
            ["application/json"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Description = "An array of items (at most 10,000), or one item.",
                    OneOf = [new OpenApiSchema { Type = JsonSchemaType.Array, MaxItems = 10_000, Items = item }, item],
                },
            },
        };
        foreach (var type in NdJson)
        {
            content[type] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = $"One {EventItemSchemas.ComponentName(kind)} as JSON per line; a line that is not JSON rejects only that item." },
            };
        }

        content["text/csv"] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = $"A header row of {EventItemSchemas.ComponentName(kind)}'s field names, then one item per row (RFC 4180 quoting)." },
        };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "At most 10,000 items and 64 MiB. Valid items are stored even when others are rejected; each item's errors name its fields.",
            Content = content,
        };
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static void AddProblem(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchemas.Problem, context.Document) },
            },
        };
    }

    private static string Join(string? first, string second) => string.IsNullOrEmpty(first) ? second : first + "\n\n" + second;
}
