using System.Diagnostics;
using Insights.Warehouse.Ingest;
using Insights.Warehouse.Metrics;
using Microsoft.Extensions.Logging;

namespace Insights.Ingest.Connectors;

/// <summary>
/// Runs one sync of one connector: from its stored cursor, through the ingest path, and moves the
/// cursor only when the run succeeded (the events it wrote are durable by then). A failure is
/// recorded and rethrown, so that Hangfire retries it with backoff from the same cursor.
/// </summary>
public sealed class ConnectorRunner(
    ConnectorRegistry registry,
    ConnectorStateStore state,
    EventIngestor ingestor,
    CatalogQueries catalog,
    TimeProvider clock,
    ILogger<ConnectorRunner> logger,
    ConnectorMetrics? metrics = null)
{
    public static readonly ActivitySource ActivitySource = new("Insights.Connectors");

    public async Task<SyncResult> RunAsync(string name, CancellationToken cancellationToken)
    {
        var connector = registry.Get(name);
        using var activity = ActivitySource.StartActivity("sync " + name);
        activity?.SetTag("insights.connector", name);
        activity?.SetTag("insights.connector.kind", connector.Kind);
        var cursor = (await state.GetAsync(name, cancellationToken).ConfigureAwait(false))?.Cursor;
        await state.StartedAsync(name, connector.Kind, cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var lookup = await CatalogLookup.LoadAsync(catalog, cancellationToken).ConfigureAwait(false);
            var context = new ConnectorContext(ingestor, lookup, clock, logger, metrics);
            var result = await connector.SyncAsync(cursor, context, cancellationToken).ConfigureAwait(false);
            await state.SucceededAsync(name, result, cancellationToken).ConfigureAwait(false);
            metrics?.Completed(name, Stopwatch.GetElapsedTime(started), result.Rows);
            activity?.SetTag("insights.connector.rows", result.Rows);
            logger.LogInformation("Synced {Connector}: {Rows} events in {Elapsed}", name, result.Rows, Stopwatch.GetElapsedTime(started));
            return result;
        }
        catch (Exception ex)
        {
            metrics?.Failed(name);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            logger.LogWarning(ex, "Sync of {Connector} failed; its cursor stays where it was", name);
            await state.FailedAsync(name, Describe(ex), CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        Octokit.ApiException api => $"GitHub answered {(int)api.StatusCode} {api.StatusCode}: {api.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
