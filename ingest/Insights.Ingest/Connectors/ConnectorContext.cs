using Insights.Domain.Events;
using Insights.Warehouse.Ingest;
using Microsoft.Extensions.Logging;

namespace Insights.Ingest.Connectors;

/// <summary>What a connector needs from the host: the write path, the catalog, a clock, a logger.</summary>
public sealed class ConnectorContext(EventIngestor ingestor, CatalogLookup catalog, TimeProvider clock, ILogger logger, ConnectorMetrics? metrics = null)
{
    public EventIngestor Ingestor { get; } = ingestor;

    public CatalogLookup Catalog { get; } = catalog;

    public TimeProvider Clock { get; } = clock;

    public ILogger Logger { get; } = logger;

    public ConnectorMetrics? Metrics { get; } = metrics;

    public int Rows { get; private set; }

    /// <summary>Writes records through the same validation and spool as a push; a record the schema refuses is a connector bug, so it fails the run.</summary>
    public async Task WriteAsync<T>(EventKind kind, IReadOnlyCollection<T> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        foreach (var chunk in records.Chunk(5_000))
        {
            var result = await Ingestor.IngestRecordsAsync(kind, chunk, cancellationToken).ConfigureAwait(false);
            if (result.Rejected.Count > 0)
            {
                var first = result.Rejected[0];
                throw new InvalidOperationException(
                    $"{result.Rejected.Count} {kind.Route()} from the source were invalid, e.g. #{first.Index}: {string.Join("; ", first.Errors.Select(e => $"{e.Key} {string.Join(' ', e.Value)}"))}");
            }

            Rows += result.Accepted;
        }
    }

    /// <summary>Waits (a rate limit's reset, a Retry-After) on the context's clock, so tests can advance time instead of sleeping.</summary>
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, Clock, cancellationToken);
}
