using Insights.Domain.Time;
using Insights.Server.Auth;
using Insights.Server.OpenApi;

namespace Insights.Server.Apis;

/// <summary>API key administration (admin scope).</summary>
public static class KeysApi
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/keys").RequireAuthorization(Scopes.Admin).WithTags("Keys");
        api.MapPost("/", CreateAsync).WithName("CreateKey").WithSummary("Create an API key; its secret is shown once")
            .Produces<CreatedKeyResponse>(StatusCodes.Status201Created).ProducesProblems(400, 415);
        api.MapGet("/", ListAsync).WithName("ListKeys").Produces<IReadOnlyList<ApiKeyInfo>>();
        api.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeKey").Produces(StatusCodes.Status204NoContent).ProducesProblems(404);
        return app;
    }

    private static async Task<IResult> CreateAsync(CreateKeyRequest? request, ApiKeyStore store, TimeProvider clock, CancellationToken ct)
    {
        // Whole seconds, as the API writes times: the expiry a listing shows is the one enforced.
        var expiresAt = request?.ExpiresAt is { } requested ? WholeSeconds.Of(requested) : (DateTime?)null;
        if (NewApiKeyRules.Check(request?.Name, request?.Scopes, expiresAt, clock.GetUtcNow().UtcDateTime) is var (field, reason))
        {
            return Problems.Invalid(field, reason);
        }

        var (info, secret) = await store.CreateAsync(request!.Name!.Trim(), request.Scopes!.Distinct().ToList(), expiresAt, ct);
        return TypedResults.Created($"/api/v1/keys/{info.Id}", new CreatedKeyResponse(info.Id, info.Name, info.Scopes, secret, info.CreatedAt, info.ExpiresAt));
    }

    private static async Task<IResult> ListAsync(ApiKeyStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(ct));

    private static async Task<IResult> RevokeAsync(Guid id, ApiKeyStore store, CancellationToken ct) =>
        await store.RevokeAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound($"No active key with id {id}.");

    /// <param name="ExpiresAt">Optional: when the key stops working (a time with a zone); absent, it works until revoked.</param>
    public sealed record CreateKeyRequest(string? Name, IReadOnlyList<string>? Scopes, DateTime? ExpiresAt);

    public sealed record CreatedKeyResponse(Guid Id, string Name, IReadOnlyList<string> Scopes, string Key, DateTime CreatedAt, DateTime? ExpiresAt);
}
