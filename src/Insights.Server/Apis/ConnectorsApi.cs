using Hangfire;
using Insights.Ingest.Connectors;
using Insights.Server.Auth;
using Insights.Server.OpenApi;

namespace Insights.Server.Apis;

/// <summary>The configured sources and their syncs (admin scope).</summary>
public static class ConnectorsApi
{
    public static IEndpointRouteBuilder MapConnectorsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/connectors").RequireAuthorization(Scopes.Admin).WithTags("Connectors");
        api.MapGet("/", ListAsync).WithName("ListConnectors").WithSummary("Each configured source with its last run, cursor, rows and error")
            .Produces<IReadOnlyList<ConnectorStatus>>();
        api.MapPost("/{name}/sync", Sync).WithName("SyncConnector").WithSummary("Run one source's sync now (queued as a background job)")
            .Produces<SyncQueued>(StatusCodes.Status202Accepted).ProducesProblems(404);
        return app;
    }

    private static async Task<IResult> ListAsync(ConnectorRegistry registry, ConnectorStateStore store, CancellationToken ct)
    {
        var states = (await store.ListAsync(ct)).ToDictionary(s => s.Name, StringComparer.Ordinal);
        return TypedResults.Ok(registry.Sources.Select(source =>
        {
            var state = states.GetValueOrDefault(source.Name);
            return new ConnectorStatus(
                source.Name,
                source.Kind,
                source.Schedule,
                state?.LastStartedAt,
                state?.LastFinishedAt,
                state?.LastSuccessAt,
                state?.LastRows,
                state?.TotalRows ?? 0,
                state?.LastError,
                state?.ConsecutiveFailures ?? 0,
                state?.Cursor);
        }));
    }

    private static IResult Sync(string name, ConnectorRegistry registry, IBackgroundJobClient jobs)
    {
        if (!registry.Contains(name))
        {
            return Problems.NotFound($"No source named '{name}' is configured. Sources: {string.Join(", ", registry.Sources.Select(s => s.Name))}.");
        }

        var id = jobs.Enqueue<ConnectorSyncJob>(job => job.RunAsync(name, CancellationToken.None));
        return TypedResults.Accepted($"/hangfire/jobs/details/{id}", new SyncQueued(name, id));
    }

    /// <summary>A sync queued as a job; <c>Location</c> is its page in the jobs dashboard.</summary>
    public sealed record SyncQueued(string Connector, string JobId);

    public sealed record ConnectorStatus(
        string Name,
        string Kind,
        string Schedule,
        DateTime? LastStartedAt,
        DateTime? LastFinishedAt,
        DateTime? LastSuccessAt,
        int? LastRows,
        long TotalRows,
        string? LastError,
        int ConsecutiveFailures,
        string? Cursor);
}
