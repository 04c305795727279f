using System.Diagnostics;
using Insights.Ingest.Quarantine;
using Insights.Warehouse.Intake;
using Insights.Warehouse.Metrics;
using Microsoft.Extensions.Logging;

namespace Insights.Ingest.Connectors;

/// <summary>
/// Runs one sync of one connector: from its stored cursor, through the ingest path, and moves the
/// cursor only when the run succeeded (the events it wrote are durable by then). Items the connector
/// cannot read go to the quarantine and parts that fail (a repository, a query) are recorded while the
/// others go on; only a run that fails as a whole — or in every part — is recorded as failed and rethrown,
/// so that Hangfire retries it with backoff from the same cursor.
/// </summary>
public sealed class ConnectorRunner(
    ConnectorRegistry registry,
    ConnectorStateStore state,
    QuarantineStore quarantine,
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
        var previous = await state.GetAsync(name, cancellationToken).ConfigureAwait(false);
        await state.StartedAsync(name, connector.Kind, cancellationToken).ConfigureAwait(false);
        var startedAt = clock.GetUtcNow().UtcDateTime;
        var started = Stopwatch.GetTimestamp();
        ConnectorContext? context = null;
        QuarantineSession? held = null;
        try
        {
            var lookup = await CatalogLookup.LoadAsync(catalog, cancellationToken).ConfigureAwait(false);
            held = await quarantine.OpenAsync(name, registry.SecretsOf(name), cancellationToken).ConfigureAwait(false);
            var progress = new ProgressReporter(name, clock, logger, (p, ct) => state.ProgressAsync(name, p, ct));
            context = new ConnectorContext(ingestor, lookup, clock, logger, held, progress, metrics);
            var result = await connector.SyncAsync(previous?.Cursor, context, cancellationToken).ConfigureAwait(false);
            await held.SaveAsync(cancellationToken).ConfigureAwait(false);
            metrics?.LeftAside(name, held.HeldThisRun, context.FailedParts.Count);
            if (context.PartsTried > 0 && context.FailedParts.Count == context.PartsTried)
            {
                var (part, error) = context.FailedParts[0];
                throw new SyncFailedException($"Every part of the source failed, e.g. {part}: {error}");
            }

            await state.SucceededAsync(name, result, Report(context, previous, startedAt), cancellationToken).ConfigureAwait(false);
            metrics?.Completed(name, Stopwatch.GetElapsedTime(started), result.Rows);
            activity?.SetTag("insights.connector.rows", result.Rows);
            logger.LogInformation(
                "Synced {Connector}: {Rows} events in {Elapsed}; {Quarantined} items quarantined, {Released} released, {Failing} of {Parts} parts failed",
                name, result.Rows, Stopwatch.GetElapsedTime(started), held.HeldThisRun, held.ReleasedThisRun, context.FailedParts.Count, context.PartsTried);
            return result;
        }
        catch (Exception ex)
        {
            metrics?.Failed(name);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            logger.LogWarning(ex, "Sync of {Connector} failed; its cursor stays where it was", name);
            await SaveQuietlyAsync(held, name).ConfigureAwait(false);
            var report = context is null ? RunReport.Empty : Report(context, previous, startedAt);
            await state.FailedAsync(name, ConnectorContext.Describe(ex), report, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>What a failed run learnt about its items is kept if PostgreSQL allows (it may be what failed).</summary>
    private async Task SaveQuietlyAsync(QuarantineSession? held, string name)
    {
        try
        {
            if (held is not null)
            {
                await held.SaveAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The quarantine of {Connector} could not be saved after its failed run", name);
        }
    }

    /// <summary>This run's failing parts, each with the start of its streak carried over from the runs before.</summary>
    private static RunReport Report(ConnectorContext context, ConnectorState? previous, DateTime startedAt)
    {
        var before = (previous?.FailingParts ?? []).ToDictionary(p => p.Part, StringComparer.Ordinal);
        var failing = context.FailedParts
            .GroupBy(f => f.Part, StringComparer.Ordinal)
            .Select(g => before.TryGetValue(g.Key, out var streak)
                ? new FailingPart(g.Key, g.First().Error, streak.Since, streak.Failures + 1)
                : new FailingPart(g.Key, g.First().Error, startedAt, 1))
            .ToList();
        return new RunReport(failing, context.Warnings, context.Progress.Current);
    }
}
