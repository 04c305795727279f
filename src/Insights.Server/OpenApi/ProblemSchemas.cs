using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Insights.Server.OpenApi;

/// <summary>
/// One schema for every error answer: RFC 7807 problem details with the <c>errors</c> map that names each
/// bad field (Problems, BadRequestExceptionHandler, the ingest 400). Every <c>application/problem+json</c>
/// response of the document points at it.
/// </summary>
public static class ProblemSchemas
{
    public const string Problem = "Problem";

    public static OpenApiSchema Build() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 7807 problem. `errors` names each field that was refused and why; other members (e.g. a push's `accepted` and `rejected`) are explained by the operation.",
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Examples = [JsonValue.Create("One or more fields are invalid")] },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Examples = [JsonValue.Create(400)] },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Field (a JSON path such as `audience[0].size`, `[3].finished_at` for a pushed item, `$` for the whole body) → reasons.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                Examples = [new JsonObject { ["starts_at"] = new JsonArray("must be an ISO-8601 time with a zone, such as 2026-03-02T14:05:00Z.") }],
            },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace id, to find it in the logs." },
        },
        Required = new HashSet<string>(["title", "status"], StringComparer.Ordinal),
        AdditionalPropertiesAllowed = true,
    };

    /// <summary>Points every problem response at <see cref="Problem"/> and drops the generated problem schemas.</summary>
    public static void Unify(OpenApiDocument document)
    {
        document.Components!.Schemas![Problem] = Build();
        foreach (var operation in (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var response in (operation.Responses ?? []).Values)
            {
                if (response.Content?.TryGetValue("application/problem+json", out var media) == true)
                {
                    media.Schema = new OpenApiSchemaReference(Problem, document);
                }
            }
        }

        document.Components.Schemas.Remove("ProblemDetails");
        document.Components.Schemas.Remove("HttpValidationProblemDetails");
    }
}
