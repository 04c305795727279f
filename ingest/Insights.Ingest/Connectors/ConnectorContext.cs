using System.Text.Json;
using Insights.Domain.Events;
using Insights.Ingest.Quarantine;
using Insights.Warehouse.Intake;
using Microsoft.Extensions.Logging;

namespace Insights.Ingest.Connectors;

/// <summary>
/// What a connector needs from the host during one sync run: the write path, the catalog, a clock, a
/// logger, the quarantine, progress reporting, and the record of parts that failed and warnings.
/// </summary>
public sealed class ConnectorContext(
    EventIngestor ingestor,
    CatalogLookup catalog,
    TimeProvider clock,
    ILogger logger,
    QuarantineSession quarantine,
    ProgressReporter progress,
    ConnectorMetrics? metrics = null)
{
    public const int MaxWarnings = 100;

    private readonly List<(string Part, string Error)> _failedParts = [];
    private readonly List<string> _warnings = [];

    public EventIngestor Ingestor { get; } = ingestor;

    public CatalogLookup Catalog { get; } = catalog;

    public TimeProvider Clock { get; } = clock;

    public ILogger Logger { get; } = logger;

    public ConnectorMetrics? Metrics { get; } = metrics;

    public QuarantineSession Quarantine { get; } = quarantine;

    public ProgressReporter Progress { get; } = progress;

    public int Rows { get; private set; }

    /// <summary>Parts run through <see cref="PartAsync"/>.</summary>
    public int PartsTried { get; private set; }

    public IReadOnlyList<(string Part, string Error)> FailedParts => _failedParts;

    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Vendor items of one kind on their way to the warehouse (unreadable ones to the quarantine).</summary>
    /// <param name="vendorFields">Our field → the vendor's path, so a quarantined item names what to fix at the vendor.</param>
    public SourceItems<T> Items<T>(EventKind kind, IReadOnlyDictionary<string, string>? vendorFields = null)
        where T : notnull => new(this, kind, vendorFields);

    /// <summary>
    /// Syncs one part of the source (a repository, a query, a service): when it fails, its error is
    /// recorded and the run goes on with the other parts. The caller keeps that part's cursor where it was.
    /// </summary>
    /// <returns>True when the part synced.</returns>
    public async Task<bool> PartAsync(string part, Func<Task> sync, CancellationToken cancellationToken)
    {
        PartsTried++;
        try
        {
            await sync().ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _failedParts.Add((part, Describe(ex)));
            Logger.LogWarning(ex, "{Part} failed; the other parts of the source go on, and it is tried again next run", part);
            return false;
        }
    }

    /// <summary>Something the run had to guess or leave out, shown in the source's status (the last run's, at most <see cref="MaxWarnings"/>).</summary>
    public void Warn(string message)
    {
        Logger.LogWarning("{Warning}", message);
        if (_warnings.Count < MaxWarnings && !_warnings.Contains(message, StringComparer.Ordinal))
        {
            _warnings.Add(message);
        }
    }

    /// <summary>Writes records through the same validation and spool as a push; a record the schema refuses is a connector bug, so it fails the run.</summary>
    internal async Task WriteJsonAsync(EventKind kind, IReadOnlyCollection<JsonElement> records, CancellationToken cancellationToken)
    {
        foreach (var chunk in records.Chunk(5_000))
        {
            var result = await Ingestor.IngestAsync(kind, chunk.Select(IngestItem.FromJson), cancellationToken).ConfigureAwait(false);
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

    /// <summary>An error as the status shows it: the vendor's answer, or the exception's own message.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        Octokit.ApiException api => $"GitHub answered {(int)api.StatusCode} {api.StatusCode}: {api.Message}",
        Http.SourceHttpException or Http.SourceResponseException or SyncFailedException => ex.Message,
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
