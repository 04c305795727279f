using Insights.Server.Auth;

namespace Insights.Server.Apis;

/// <summary>API key administration (admin scope).</summary>
public static class KeysApi
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/keys").RequireAuthorization(Scopes.Admin).WithTags("Keys");
        api.MapPost("/", CreateAsync).WithName("CreateKey").WithSummary("Create an API key; its secret is shown once");
        api.MapGet("/", ListAsync).WithName("ListKeys");
        api.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeKey");
        return app;
    }

    private static async Task<IResult> CreateAsync(CreateKeyRequest? request, ApiKeyStore store, CancellationToken ct)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Name))
        {
            return Problems.Invalid("name", "is required.");
        }

        if (request.Name.Length > 200)
        {
            return Problems.Invalid("name", "is longer than 200 characters.");
        }

        if (request.Scopes is not { Count: > 0 })
        {
            return Problems.Invalid("scopes", $"must list at least one of {string.Join(", ", Scopes.All)}.");
        }

        var unknown = request.Scopes.FirstOrDefault(s => !Scopes.IsKnown(s));
        if (unknown is not null)
        {
            return Problems.Invalid("scopes", $"has '{unknown}', which is not one of {string.Join(", ", Scopes.All)}.");
        }

        var (info, secret) = await store.CreateAsync(request.Name.Trim(), request.Scopes.Distinct().ToList(), ct);
        return TypedResults.Created($"/api/v1/keys/{info.Id}", new CreatedKeyResponse(info.Id, info.Name, info.Scopes, secret, info.CreatedAt));
    }

    private static async Task<IResult> ListAsync(ApiKeyStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(ct));

    private static async Task<IResult> RevokeAsync(Guid id, ApiKeyStore store, CancellationToken ct) =>
        await store.RevokeAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound($"No active key with id {id}.");

    public sealed record CreateKeyRequest(string? Name, IReadOnlyList<string>? Scopes);

    public sealed record CreatedKeyResponse(Guid Id, string Name, IReadOnlyList<string> Scopes, string Key, DateTime CreatedAt);
}
