using Insights.Server.Auth;
using Insights.Warehouse.Metrics;
using Insights.Server.OpenApi;

namespace Insights.Server.Apis;

/// <summary>The catalog as the warehouse knows it (read scope).</summary>
public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Scopes.Read).WithTags("Catalog");
        api.MapGet("/teams", async (CatalogQueries catalog, CancellationToken ct) => TypedResults.Ok(await catalog.TeamsAsync(ct))).WithName("ListTeams").ProducesProblems(503, 504);
        api.MapGet("/services", async (CatalogQueries catalog, CancellationToken ct) => TypedResults.Ok(await catalog.ServicesAsync(ct))).WithName("ListServices").ProducesProblems(503, 504);
        return app;
    }
}
