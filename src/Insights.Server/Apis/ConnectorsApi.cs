using Hangfire;
using Insights.Ingest.Connectors;
using Insights.Ingest.Quarantine;
using Insights.Server.Auth;
using Insights.Server.OpenApi;

namespace Insights.Server.Apis;

/// <summary>The configured sources, their syncs and their quarantines (admin scope).</summary>
public static class ConnectorsApi
{
    public const int NewestShown = 10;
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapConnectorsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/connectors").RequireAuthorization(Scopes.Admin).WithTags("Connectors");
        api.MapGet("/", ListAsync).WithName("ListConnectors").WithSummary("Each configured source with its last run, cursor, rows, error, failing parts, warnings, progress and quarantine count")
            .Produces<IReadOnlyList<ConnectorStatus>>();
        api.MapGet("/{name}", GetAsync).WithName("GetConnector").WithSummary("One source's status with the newest entries of its quarantine")
            .Produces<ConnectorStatus>().ProducesProblems(404);
        api.MapGet("/{name}/quarantine", QuarantineAsync).WithName("ListQuarantine").WithSummary("The items a source could not read or validate, newest first (limit, offset)")
            .Produces<QuarantineList>().ProducesProblems(400, 404);
        api.MapPost("/{name}/sync", Sync).WithName("SyncConnector").WithSummary("Run one source's sync now (queued as a background job)")
            .Produces<SyncQueued>(StatusCodes.Status202Accepted).ProducesProblems(404);
        return app;
    }

    private static async Task<IResult> ListAsync(ConnectorRegistry registry, ConnectorStateStore store, QuarantineStore quarantine, CancellationToken ct)
    {
        var states = (await store.ListAsync(ct)).ToDictionary(s => s.Name, StringComparer.Ordinal);
        var counts = await quarantine.CountsAsync(ct);
        return TypedResults.Ok(registry.Sources.Select(source => Status(source, states.GetValueOrDefault(source.Name), counts.GetValueOrDefault(source.Name))));
    }

    private static async Task<IResult> GetAsync(string name, ConnectorRegistry registry, ConnectorStateStore store, QuarantineStore quarantine, CancellationToken ct)
    {
        if (registry.Sources.FirstOrDefault(s => s.Name == name) is not { } source)
        {
            return UnknownSource(name, registry);
        }

        var status = Status(source, await store.GetAsync(name, ct), await quarantine.CountAsync(name, ct));
        var newest = await quarantine.ListAsync(name, NewestShown, 0, ct);
        return TypedResults.Ok(status with { Quarantine = newest.Select(QuarantinedItem.Of).ToList() });
    }

    private static async Task<IResult> QuarantineAsync(string name, HttpRequest request, ConnectorRegistry registry, QuarantineStore quarantine, CancellationToken ct)
    {
        if (!registry.Contains(name))
        {
            return UnknownSource(name, registry);
        }

        var limit = 100;
        var offset = 0;
        if (request.Query["limit"].ToString() is { Length: > 0 } limitText && (!int.TryParse(limitText, out limit) || limit is < 1 or > MaxLimit))
        {
            return Problems.Invalid("limit", $"must be a whole number from 1 to {MaxLimit}; got '{limitText}'.");
        }

        if (request.Query["offset"].ToString() is { Length: > 0 } offsetText && (!int.TryParse(offsetText, out offset) || offset < 0))
        {
            return Problems.Invalid("offset", $"must be a whole number, 0 or more; got '{offsetText}'.");
        }

        var entries = await quarantine.ListAsync(name, limit, offset, ct);
        return TypedResults.Ok(new QuarantineList(name, await quarantine.CountAsync(name, ct), entries.Select(QuarantinedItem.Of).ToList()));
    }

    private static IResult Sync(string name, ConnectorRegistry registry, IBackgroundJobClient jobs)
    {
        if (!registry.Contains(name))
        {
            return UnknownSource(name, registry);
        }

        var id = jobs.Enqueue<ConnectorSyncJob>(job => job.RunAsync(name, CancellationToken.None));
        return TypedResults.Accepted($"/hangfire/jobs/details/{id}", new SyncQueued(name, id));
    }

    /// <summary>A sync queued as a job; <c>Location</c> is its page in the jobs dashboard.</summary>
    public sealed record SyncQueued(string Connector, string JobId);

    private static IResult UnknownSource(string name, ConnectorRegistry registry) =>
        Problems.NotFound($"No source named '{name}' is configured. Sources: {string.Join(", ", registry.Sources.Select(s => s.Name))}.");

    /// <summary>A source's status as the API and the web app's admin page show it.</summary>
    public static ConnectorStatus Status(SourceOptions source, ConnectorState? state, int quarantined) => new(
        source.Name,
        source.Kind,
        source.Schedule,
        state?.LastStartedAt is { } started && (state.LastFinishedAt is not { } finished || finished < started),
        state?.LastStartedAt,
        state?.LastFinishedAt,
        state?.LastSuccessAt,
        state?.LastRows,
        state?.TotalRows ?? 0,
        state?.LastError,
        state?.ConsecutiveFailures ?? 0,
        state?.FailingParts ?? [],
        state?.Warnings ?? [],
        state?.Progress,
        quarantined,
        state?.Cursor);

    /// <param name="Running">A run has started and not finished (or a run was cut off by a restart).</param>
    /// <param name="FailingParts">Parts (a repository, a query, a service) whose own sync failed in the last run while the others went on.</param>
    /// <param name="Quarantined">Items of this source in the quarantine.</param>
    public sealed record ConnectorStatus(
        string Name,
        string Kind,
        string Schedule,
        bool Running,
        DateTime? LastStartedAt,
        DateTime? LastFinishedAt,
        DateTime? LastSuccessAt,
        int? LastRows,
        long TotalRows,
        string? LastError,
        int ConsecutiveFailures,
        IReadOnlyList<FailingPart> FailingParts,
        IReadOnlyList<string> Warnings,
        SyncProgress? Progress,
        int Quarantined,
        string? Cursor)
    {
        /// <summary>The quarantine's newest entries (<c>GET /api/v1/connectors/{name}</c> only).</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<QuarantinedItem>? Quarantine { get; init; }
    }

    public sealed record QuarantineList(string Connector, int Count, IReadOnlyList<QuarantinedItem> Items);

    /// <param name="Key">The vendor's key or id.</param>
    /// <param name="Field">The field at fault, by the vendor's path where known.</param>
    /// <param name="Raw">The item as the vendor sent it, secrets redacted, cut to 8 KiB (then <c>raw_truncated</c>).</param>
    public sealed record QuarantinedItem(
        string Kind,
        string Key,
        string Field,
        string Reason,
        string Raw,
        bool RawTruncated,
        DateTime FirstSeenAt,
        DateTime LastSeenAt,
        int Attempts)
    {
        public static QuarantinedItem Of(QuarantineEntry e) =>
            new(e.Kind, e.Key, e.Field, e.Reason, e.Raw, e.RawTruncated, e.FirstSeenAt, e.LastSeenAt, e.Attempts);
    }
}
