using Insights.Domain.Validation;
using Insights.Warehouse.Metrics;
using Microsoft.Extensions.Logging;

namespace Insights.Warehouse.Intake;

/// <summary>
/// The catalog as push ingest checks items against it (<see cref="CatalogWarnings"/>): read from ClickHouse
/// at most every <see cref="Fresh"/> in the background, never once per item or request, plus the services
/// this instance was just sent, which may still sit in the spool. Ingest never waits for it beyond the
/// very first read (at most <see cref="FirstReadWait"/>); while the warehouse cannot be read, there is no
/// snapshot and no warning.
/// </summary>
public sealed class IngestCatalog(CatalogQueries catalog, TimeProvider clock, ILogger<IngestCatalog> logger)
{
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan FirstReadWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(10);

    // A service sent here is trusted over the warehouse's copy until the warehouse shows the same, or for this long.
    private static readonly TimeSpan SentKeptFor = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (CatalogEntry Entry, DateTimeOffset At)> _sent = new(StringComparer.Ordinal);
    private CatalogSnapshot? _read;
    private volatile CatalogSnapshot? _current;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private DateTimeOffset _failedAt = DateTimeOffset.MinValue;
    private Task? _reading;

    /// <summary>The catalog now, or null while it has never been read.</summary>
    public async ValueTask<CatalogSnapshot?> CurrentAsync(CancellationToken cancellationToken)
    {
        var reading = StartReadIfDue();
        if (_current is { } current)
        {
            return current;
        }

        if (reading is null)
        {
            return null;
        }

        try
        {
            // Real time, whatever clock the app runs on: this bounds how long a request waits.
            await reading.WaitAsync(FirstReadWait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }

        return _current;
    }

    /// <summary>Takes in services that were just stored, so that items sent right after them are checked against them.</summary>
    public void Remember(IEnumerable<NormalizedEvent> services)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            foreach (var service in services)
            {
                var entry = EntryOf(service);
                _sent[entry.Name] = (entry, now);
            }

            Compose();
        }
    }

    private Task? StartReadIfDue()
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_reading is { IsCompleted: false } running)
            {
                return running;
            }

            if (now - _readAt < Fresh || now - _failedAt < RetryAfterFailure)
            {
                return null;
            }

            _reading = ReadAsync(now);
            return _reading;
        }
    }

    private async Task ReadAsync(DateTimeOffset startedAt)
    {
        IReadOnlyList<ServiceInfo> services;
        try
        {
            // Not the caller's token: a read shared by requests must not be cancelled by one of them.
            services = await catalog.ServicesAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Could not read the service catalog for ingest warnings; pushes are stored without them until it can be read");
            lock (_lock)
            {
                _failedAt = clock.GetUtcNow();
            }

            return;
        }

        var read = new CatalogSnapshot(services.Select(s => new CatalogEntry(
            s.Name, s.Team, s.Repository, s.ProductionEnvironments.Select(e => e.ToLowerInvariant()).ToList())));
        lock (_lock)
        {
            _read = read;
            _readAt = startedAt;
            foreach (var (name, sent) in _sent.ToList())
            {
                if (sent.Entry.SameAs(read.Service(name)) || startedAt - sent.At > SentKeptFor)
                {
                    _sent.Remove(name);
                }
            }

            Compose();
        }
    }

    private void Compose()
    {
        if (_read is not null)
        {
            _current = _sent.Count == 0 ? _read : _read.With(_sent.Values.Select(s => s.Entry));
        }
    }

    private static CatalogEntry EntryOf(NormalizedEvent service) => new(
        (string)service["name"]!,
        (string)service["team"]!,
        service["repository"] as string ?? "",
        service["production_environments"] is string[] environments ? environments.Select(e => e.ToLowerInvariant()).ToList() : []);
}
