using Insights.Domain.Events;
using Insights.Domain.Validation;
using Insights.Server.OpenApi;
using Insights.TestSupport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Insights.Server.Tests.Apis;

/// <summary>
/// The OpenAPI document, read back with Microsoft.OpenApi, against the endpoints the host really maps: every
/// endpoint is described with its response schemas, its problems and who may call it, and every push kind's
/// item schema is the validation schema's (fields, types, required, examples).
/// </summary>
public sealed class OpenApiDocumentTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InsightsTestServer Server => fixture.Server;

    [Fact]
    public async Task Document_DescribesEveryEndpoint_ThatTheHostMaps()
    {
        var document = await ReadAsync();

        var described = document.Paths.SelectMany(p => p.Value.Operations!.Keys.Select(m => $"{m.Method} {p.Key}")).ToHashSet(StringComparer.Ordinal);
        var mapped = ApiEndpoints().Select(e => $"{e.Method} {e.Path}").ToList();
        Assert.NotEmpty(mapped);
        Assert.All(mapped, endpoint => Assert.Contains(endpoint, described));
    }

    [Fact]
    public async Task EveryOperation_HasANameAResponseSchema_AndItsProblemsAsProblemDetails()
    {
        var document = await ReadAsync();

        foreach (var (path, method, operation) in Operations(document))
        {
            var where = $"{method} {path}";
            Assert.False(string.IsNullOrEmpty(operation.OperationId), $"{where} has no operationId");
            var success = operation.Responses!.Where(r => r.Key.StartsWith('2')).ToList();
            Assert.True(success.Count > 0, $"{where} documents no success response");
            foreach (var (status, response) in success.Where(r => r.Key != "204"))
            {
                Assert.True(response.Content is { Count: > 0 }, $"{where} {status} has no content");
                Assert.All(response.Content!, media => Assert.True(HasSchema(media.Value.Schema), $"{where} {status} {media.Key} has no schema"));
            }

            var problems = operation.Responses!.Where(r => r.Key[0] is '4' or '5' && !(path == "/readyz" && r.Key == "503")).ToList();
            if (path is not ("/healthz" or "/readyz"))
            {
                Assert.True(problems.Any(p => p.Key == "429"), $"{where} documents no 429 (every request is rate-limited)");
            }

            foreach (var (status, response) in problems)
            {
                var media = Assert.Single(response.Content!);
                Assert.Equal("application/problem+json", media.Key);
                Assert.Equal(ProblemSchemas.Problem, Assert.IsType<OpenApiSchemaReference>(media.Value.Schema).Reference.Id);
                Assert.False(string.IsNullOrEmpty(response.Description), $"{where} {status} has no description");
            }

            if (operation.RequestBody?.Content is { } bodies)
            {
                Assert.All(bodies, media => Assert.True(HasSchema(media.Value.Schema), $"{where} body {media.Key} has no schema"));
            }
        }

        var problem = Assert.IsType<OpenApiSchema>(document.Components!.Schemas![ProblemSchemas.Problem]);
        Assert.Equal(["detail", "errors", "instance", "status", "title", "traceId", "type"], problem.Properties!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryOperation_NamesWhoMayCallIt_AsTheHostEnforces()
    {
        var document = await ReadAsync();
        var schemes = document.Components!.SecuritySchemes!;
        Assert.Equal(SecuritySchemeType.Http, schemes[ApiDocumentTransformer.Bearer].Type);
        Assert.Equal("bearer", schemes[ApiDocumentTransformer.Bearer].Scheme);
        Assert.Equal(SecuritySchemeType.Http, schemes[ApiDocumentTransformer.Basic].Type);
        Assert.Equal("basic", schemes[ApiDocumentTransformer.Basic].Scheme);
        Assert.Equal(("X-Api-Key", ParameterLocation.Header), (schemes[ApiDocumentTransformer.ApiKeyHeader].Name, schemes[ApiDocumentTransformer.ApiKeyHeader].In));

        var endpoints = ApiEndpoints();
        Assert.Contains(endpoints, e => e.Scope is null && !e.Anonymous || e.Scope is not null);
        foreach (var endpoint in endpoints)
        {
            var operation = document.Paths[endpoint.Path].Operations![new HttpMethod(endpoint.Method)];
            var where = $"{endpoint.Method} {endpoint.Path}";
            if (endpoint.Anonymous)
            {
                Assert.True(operation.Security is null or { Count: 0 }, $"{where} is anonymous but documents a key");
                // (A webhook answers 401 for a bad signature, which is not about keys.)
                Assert.DoesNotContain("API key", operation.Responses!.GetValueOrDefault("401")?.Description ?? "", StringComparison.Ordinal);
                continue;
            }

            var named = operation.Security!.SelectMany(r => r.Keys).Select(s => ((OpenApiSecuritySchemeReference)s).Reference.Id).Order(StringComparer.Ordinal);
            Assert.Equal([ApiDocumentTransformer.ApiKeyHeader, ApiDocumentTransformer.Basic, ApiDocumentTransformer.Bearer], named);
            Assert.True(operation.Responses!.ContainsKey("401"), $"{where} needs a key but documents no 401");
            if (endpoint.Scope is not null)
            {
                Assert.True(operation.Responses.ContainsKey("403"), $"{where} needs '{endpoint.Scope}' but documents no 403");
                Assert.Contains($"`{endpoint.Scope}`", operation.Description);
            }
        }
    }

    [Fact]
    public async Task EveryPushKind_HasTheItemSchemaOfItsValidation_InEveryFormat()
    {
        var document = await ReadAsync();

        foreach (var kind in EventKinds.All)
        {
            var schema = EventSchemas.For(kind);
            var name = EventItemSchemas.ComponentName(kind);
            var item = Assert.IsType<OpenApiSchema>(document.Components!.Schemas![name]);
            Assert.Equal(JsonSchemaType.Object, item.Type);
            Assert.Equal(schema.Fields.Select(f => f.Name).Order(StringComparer.Ordinal), item.Properties!.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(schema.Fields.Where(f => f.Required).Select(f => f.Name).Order(StringComparer.Ordinal), item.Required!.Order(StringComparer.Ordinal));
            Assert.StartsWith(schema.Description, item.Description);
            Assert.NotNull(Assert.Single(item.Examples!));
            foreach (var field in schema.Fields)
            {
                var property = item.Properties[field.Name];
                Assert.Equal(TypeOf(field), property.Type & ~JsonSchemaType.Null);
                Assert.Equal(field.Required, (property.Type & JsonSchemaType.Null) == 0);
                Assert.NotNull(Assert.Single(property.Examples!));
                Assert.Equal(field.Type switch { FieldType.Instant => "date-time", FieldType.Date => "date", FieldType.Count => "int64", _ => null }, property.Format);
                if (field.AllowedValues is { } allowed)
                {
                    Assert.Equal(allowed, property.Enum!.Select(v => v!.GetValue<string>()));
                }
            }

            var push = document.Paths["/api/v1/" + kind.Route()].Operations![HttpMethod.Post];
            var json = push.RequestBody!.Content!["application/json"].Schema!;
            Assert.Equal(2, json.OneOf!.Count);
            Assert.Equal(name, Assert.IsType<OpenApiSchemaReference>(json.OneOf[0].Items).Reference.Id);
            Assert.Equal(name, Assert.IsType<OpenApiSchemaReference>(json.OneOf[1]).Reference.Id);
            Assert.Contains(name, push.RequestBody.Content["text/csv"].Schema!.Description);
            Assert.Contains(name, push.RequestBody.Content["application/x-ndjson"].Schema!.Description);
            Assert.Equal("PushResponse", Assert.IsType<OpenApiSchemaReference>(push.Responses!["202"].Content!["application/json"].Schema).Reference.Id);
        }
    }

    private static JsonSchemaType TypeOf(FieldSpec field) => field.Type switch
    {
        FieldType.Text or FieldType.Instant or FieldType.Date => JsonSchemaType.String,
        FieldType.Boolean => JsonSchemaType.Boolean,
        FieldType.Count => JsonSchemaType.Integer,
        FieldType.TextList => JsonSchemaType.Array,
        _ => throw new InvalidOperationException(field.Type.ToString()),
    };

    private static bool HasSchema(IOpenApiSchema? schema) =>
        schema is OpenApiSchemaReference || schema is { Type: not null } || schema is { OneOf.Count: > 0 };

    private async Task<OpenApiDocument> ReadAsync()
    {
        await using var stream = await Server.Anonymous.GetStreamAsync("/openapi/v1.json");
        var read = await OpenApiDocument.LoadAsync(stream, "json", new OpenApiReaderSettings());
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        return read.Document!;
    }

    private static IEnumerable<(string Path, string Method, OpenApiOperation Operation)> Operations(OpenApiDocument document) =>
        document.Paths.SelectMany(p => p.Value.Operations!.Select(o => (p.Key, o.Key.Method, o.Value)));

    /// <summary>The minimal-API endpoints the host maps for the API reference, with who may call them.</summary>
    private List<(string Method, string Path, bool Anonymous, string? Scope)> ApiEndpoints() =>
        Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<System.Reflection.MethodInfo>() is not null
                && e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method => (
                Method: method,
                Path: "/" + e.RoutePattern.RawText!.Trim('/').Replace(":guid", "", StringComparison.Ordinal),
                Anonymous: e.Metadata.GetMetadata<IAllowAnonymous>() is not null || e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0,
                Scope: e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p is not null))))
            .ToList();
}
