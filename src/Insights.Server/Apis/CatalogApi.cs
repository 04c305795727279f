using Insights.Server.Auth;
using Insights.Warehouse.Metrics;
using Insights.Server.OpenApi;

namespace Insights.Server.Apis;

/// <summary>The catalog as the warehouse knows it (read scope), filtered by team, system and domain.</summary>
public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Scopes.Read).WithTags("Catalog");
        api.MapGet("/teams", TeamsAsync).WithName("ListTeams").WithSummary("Teams with their services, engineers, adoption date, display name and parent (system, domain: teams owning a service there)")
            .Produces<IReadOnlyList<TeamInfo>>().ProducesProblems(503, 504);
        api.MapGet("/services", ServicesAsync).WithName("ListServices").WithSummary("The latest catalog entry of each service (team, system, domain: exact filters)")
            .Produces<IReadOnlyList<ServiceInfo>>().ProducesProblems(503, 504);
        return app;
    }

    private static async Task<IResult> TeamsAsync(string? system, string? domain, CatalogQueries catalog, CancellationToken ct) =>
        TypedResults.Ok(await catalog.TeamsAsync(new CatalogFilter(null, Blank(system), Blank(domain)), ct));

    private static async Task<IResult> ServicesAsync(string? team, string? system, string? domain, CatalogQueries catalog, CancellationToken ct) =>
        TypedResults.Ok(await catalog.ServicesAsync(new CatalogFilter(Blank(team), Blank(system), Blank(domain)), ct));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
