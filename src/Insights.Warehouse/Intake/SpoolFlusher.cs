using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Insights.Warehouse.ClickHouse;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Insights.Warehouse.Intake;

/// <summary>
/// Moves sealed spool segments into ClickHouse, oldest first, and deletes each once ClickHouse
/// has acknowledged its INSERT. While ClickHouse refuses, it retries with growing delays and
/// the spool keeps accepting. On a graceful stop it seals and drains what it can.
/// </summary>
/// <remarks>
/// A crash between a successful INSERT and the delete re-inserts that segment at the next start.
/// The rows carry the version they were given when accepted, so the copies are identical and
/// ReplacingMergeTree (and every metric query, which deduplicates by key) sees each event once.
/// </remarks>
public sealed class SpoolFlusher(
    EventSpool spool,
    ClickHouseClient clickHouse,
    SpoolOptions options,
    ILogger<SpoolFlusher> logger,
    TimeProvider clock,
    IngestMetrics? metrics = null) : BackgroundService
{
    public static readonly ActivitySource ActivitySource = new("Insights.Ingest");

    private readonly SemaphoreSlim _flushing = new(1, 1);

    /// <summary>The last insert error, cleared by the next success (shown by /readyz).</summary>
    public string? LastError { get; private set; }

    /// <summary>Seals what is open and waits until everything spooled so far is in ClickHouse.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await spool.SealAllAsync().ConfigureAwait(false);
        while (!await DrainOnceAsync(cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), clock, cancellationToken).ConfigureAwait(false);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.DrainOnStop);
        try
        {
            await FlushAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Stopped with {Bytes} bytes still spooled in {Path}; they are inserted at the next start", spool.PendingBytes, spool.Path);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DrainOnceAsync(stoppingToken).ConfigureAwait(false))
                {
                    delay = TimeSpan.FromMilliseconds(250);
                    await spool.WaitForReadyAsync(options.FlushInterval, stoppingToken).ConfigureAwait(false);
                }
                else
                {
                    await Task.Delay(delay, clock, stoppingToken).ConfigureAwait(false);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// An earlier INSERT of this segment may have reached ClickHouse (a crash, a timeout, a lost answer).
    /// Every row carries a unique <c>_version</c>, so ask which of them are there and keep only the
    /// others: each acknowledged event ends up in ClickHouse exactly once.
    /// </summary>
    /// <returns>True when nothing of the segment is left to insert.</returns>
    private async Task<bool> ReconcileAsync(SpoolSegment segment, CancellationToken cancellationToken)
    {
        var lines = (await File.ReadAllLinesAsync(segment.FilePath, cancellationToken).ConfigureAwait(false))
            .Where(l => l.Length > 0)
            .Select(l => (Line: l, Version: VersionOf(l)))
            .ToList();
        var present = new HashSet<ulong>();
        foreach (var chunk in lines.Select(l => l.Version).Chunk(5_000))
        {
            var found = await clickHouse.QueryAsync<VersionRow>(
                $"SELECT _version FROM {SqlLiteral.Identifier(segment.Table)} WHERE _version IN ({string.Join(',', chunk)})",
                cancellationToken).ConfigureAwait(false);
            present.UnionWith(found.Select(f => f.Version));
        }

        if (present.Count == 0)
        {
            File.Delete(segment.AttemptMarkerPath);
            return false;
        }

        var missing = lines.Where(l => !present.Contains(l.Version)).Select(l => l.Line).ToList();
        logger.LogWarning("Spool segment {Segment}: {Present} of {Rows} rows were already in ClickHouse after an interrupted insert", Path.GetFileName(segment.FilePath), lines.Count - missing.Count, lines.Count);
        if (missing.Count == 0)
        {
            spool.Complete(segment, lines.Count);
            return true;
        }

        spool.Rewrite(segment, missing, lines.Count - missing.Count);
        File.Delete(segment.AttemptMarkerPath);
        return false;
    }

    private static ulong VersionOf(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.GetProperty("_version").GetUInt64();
    }

    private sealed record VersionRow([property: JsonPropertyName("_version")] ulong Version);

    /// <returns>True when every ready segment was inserted; false when an insert failed.</returns>
    private async Task<bool> DrainOnceAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var segment in spool.ReadySegments())
            {
                if (!File.Exists(segment.FilePath))
                {
                    continue;
                }

                var started = Stopwatch.GetTimestamp();
                // The insert belongs to the push that started the segment; the other pushes are linked.
                var traces = spool.TracesOf(segment);
                using var activity = ActivitySource.StartActivity(
                    "spool flush " + segment.Table,
                    ActivityKind.Internal,
                    traces.Count > 0 ? traces[0] : default,
                    links: traces.Skip(1).Select(t => new ActivityLink(t)));
                activity?.SetTag("insights.spool.segment", Path.GetFileName(segment.FilePath));
                try
                {
                    // TRICKY: on a cluster the segment goes again whole, unchanged. A replica may not have fetched
                    // rows its shard already stored, so asking which versions are there could re-insert some
                    // twice; replicated tables instead drop a block they already hold (insert deduplication by
                    // the block's checksum, over the last 100 blocks of each table and shard), and the same
                    // segment splits into the same blocks (docs/adr/0006-cluster-sharding.md).
                    if (File.Exists(segment.AttemptMarkerPath) && !clickHouse.Options.IsCluster && await ReconcileAsync(segment, cancellationToken).ConfigureAwait(false))
                    {
                        continue;
                    }

                    var rows = EventSpool.CountLines(segment.FilePath);
                    var length = new FileInfo(segment.FilePath).Length;
                    await File.WriteAllBytesAsync(segment.AttemptMarkerPath, [], cancellationToken).ConfigureAwait(false);
                    await clickHouse.InsertJsonEachRowAsync(
                        segment.Table,
                        () => new FileStream(segment.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 128 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan),
                        length,
                        cancellationToken).ConfigureAwait(false);
                    spool.Complete(segment, rows);
                    LastError = null;
                    metrics?.Flushed(segment.Table, rows, Stopwatch.GetElapsedTime(started));
                }
                catch (ClickHouseException ex) when (ClickHouseErrorCodes.IsMalformedData(ex.Code))
                {
                    var rows = EventSpool.CountLines(segment.FilePath);
                    var target = spool.Quarantine(segment, rows);
                    metrics?.FlushFailed(segment.Table);
                    logger.LogError("ClickHouse cannot parse spool segment {Segment} ({Rows} rows) and never will: {Error}. It was moved to {Target}", Path.GetFileName(segment.FilePath), rows, ex.ServerMessage, target);
                    continue;
                }
                catch (Exception ex) when (ex is HttpRequestException or ClickHouseException or TimeoutException or IOException)
                {
                    LastError = ex.Message;
                    metrics?.FlushFailed(segment.Table);
                    logger.LogWarning("Could not insert spool segment {Segment} into ClickHouse: {Error}", Path.GetFileName(segment.FilePath), ex.Message);
                    return false;
                }
            }

            return true;
        }
        finally
        {
            _flushing.Release();
        }
    }
}
