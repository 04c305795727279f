using Insights.Domain.Events;
using Insights.Domain.Validation;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Insights.Server.OpenApi;

/// <summary>
/// The document as a whole: what the API is, how to authenticate (the schemes every operation's
/// <c>security</c> names), and the push items (<see cref="EventItemSchemas"/>).
/// </summary>
public sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string Bearer = "bearer";
    public const string Basic = "basic";
    public const string ApiKeyHeader = "apiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Platform Insights API",
            Version = "v1",
            Description =
                "Push deployments, incidents, pull requests, engineers, provisioning requests and the service catalog; read DORA and " +
                "platform metrics, the weekly reports and developer NPS. Field names are snake_case, times ISO 8601 with a zone, dates " +
                "YYYY-MM-DD. Errors are RFC 7807 problem details whose `errors` map names each bad field. The full guide: docs/api.md.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "pik_…",
            Description = "An API key: `Authorization: Bearer <key>`. Keys carry scopes (ingest, read, admin; admin holds every scope).",
        };
        document.Components.SecuritySchemes[Basic] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "For browsers: any user name, an API key as the password.",
        };
        document.Components.SecuritySchemes[ApiKeyHeader] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "For tools that cannot set Authorization: the key in X-Api-Key.",
        };

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        foreach (var kind in EventKinds.All)
        {
            document.Components.Schemas[EventItemSchemas.ComponentName(kind)] = EventItemSchemas.Build(EventSchemas.For(kind));
        }

        ProblemSchemas.Unify(document);

        return Task.CompletedTask;
    }
}
