using System.Diagnostics;
using System.Diagnostics.Metrics;
using Insights.Warehouse.ClickHouse;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Insights.Warehouse.Ingest;

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

                var rows = EventSpool.CountLines(segment.FilePath);
                var length = new FileInfo(segment.FilePath).Length;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await clickHouse.InsertJsonEachRowAsync(
                        segment.Table,
                        () => new FileStream(segment.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 128 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan),
                        length,
                        cancellationToken).ConfigureAwait(false);
                }
                catch (ClickHouseException ex) when (ClickHouseErrorCodes.IsMalformedData(ex.Code))
                {
                    var target = spool.Quarantine(segment, rows);
                    metrics?.FlushFailed(segment.Table);
                    logger.LogError("ClickHouse cannot parse spool segment {Segment} ({Rows} rows) and never will: {Error}. It was moved to {Target}", Path.GetFileName(segment.FilePath), rows, ex.ServerMessage, target);
                    continue;
                }
                catch (Exception ex) when (ex is HttpRequestException or ClickHouseException or TimeoutException or IOException)
                {
                    LastError = ex.Message;
                    metrics?.FlushFailed(segment.Table);
                    logger.LogWarning("Could not insert spool segment {Segment} ({Rows} rows) into ClickHouse: {Error}", Path.GetFileName(segment.FilePath), rows, ex.Message);
                    return false;
                }

                spool.Complete(segment, rows);
                LastError = null;
                metrics?.Flushed(segment.Table, rows, Stopwatch.GetElapsedTime(started));
            }

            return true;
        }
        finally
        {
            _flushing.Release();
        }
    }
}
