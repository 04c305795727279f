using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Insights.Warehouse.Intake;

/// <summary>
/// The durable write-ahead spool between the push API and ClickHouse. A push is acknowledged
/// only after its rows are on disk (fsync'd, group-committed with concurrent pushes); the
/// <see cref="SpoolFlusher"/> then moves sealed segments into ClickHouse and deletes them.
/// So an acknowledged event survives a graceful stop, a crash, and a ClickHouse outage
/// (until <see cref="SpoolOptions.MaxBytes"/>, after which pushes are refused, not lost).
/// </summary>
/// <remarks>
/// Files: <c>{sequence}-{table}.open</c> while being appended to, renamed to <c>.ready</c> when
/// sealed. A crash leaves <c>.open</c> files; they are sealed at start, minus any torn last line
/// (a line is torn only if its write was never acknowledged).
/// </remarks>
public sealed class EventSpool : IAsyncDisposable
{
    private const string OpenSuffix = ".open";
    private const string ReadySuffix = ".ready";

    private readonly SpoolOptions _options;
    private readonly ILogger<EventSpool> _logger;
    private readonly TimeProvider _clock;
    private readonly Channel<Append> _appends = Channel.CreateUnbounded<Append>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, OpenSegment> _open = new(StringComparer.Ordinal);
    private readonly Task _writer;
    private readonly SemaphoreSlim _readySignal = new(0);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<System.Diagnostics.ActivityContext>> _traces = new(StringComparer.Ordinal);
    private const int MaxTracesPerSegment = 64;
    private long _sequence;
    private long _bytes;
    private long _rows;

    public EventSpool(SpoolOptions options, ILogger<EventSpool> logger, TimeProvider clock, Meter? meter = null)
    {
        _options = options;
        _logger = logger;
        _clock = clock;
        Directory.CreateDirectory(options.Path);
        Recover();
        _writer = Task.Run(WriteLoopAsync);
        meter?.CreateObservableGauge("insights.ingest.spool.bytes", () => Interlocked.Read(ref _bytes), "By", "Bytes waiting in the ingest spool.");
        meter?.CreateObservableGauge("insights.ingest.spool.rows", () => Interlocked.Read(ref _rows), "{row}", "Rows waiting in the ingest spool (buffer depth).");
    }

    public string Path => _options.Path;

    /// <summary>Bytes on disk not yet in ClickHouse.</summary>
    public long PendingBytes => Interlocked.Read(ref _bytes);

    /// <summary>Rows accepted into the spool and not yet in ClickHouse (approximate across restarts).</summary>
    public long PendingRows => Interlocked.Read(ref _rows);

    /// <summary>
    /// Appends JSONEachRow lines for <paramref name="table"/> and returns once they are durable.
    /// </summary>
    /// <exception cref="SpoolFullException">The spool is at its size limit.</exception>
    public Task AppendAsync(string table, ReadOnlyMemory<byte> lines, int rowCount, CancellationToken cancellationToken = default)
    {
        if (lines.IsEmpty)
        {
            return Task.CompletedTask;
        }

        var bytes = Interlocked.Read(ref _bytes);
        if (bytes + lines.Length > _options.MaxBytes)
        {
            throw new SpoolFullException(bytes, _options.MaxBytes);
        }

        var append = new Append(table, lines, rowCount, false) { Trace = System.Diagnostics.Activity.Current?.Context };
        if (!_appends.Writer.TryWrite(append))
        {
            throw new ObjectDisposedException(nameof(EventSpool), "The spool is stopping and takes no more events.");
        }

        // Waiting may be cancelled, but once queued the append is written either way.
        return append.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Seals every open segment now, so the flusher can move it.</summary>
    public Task SealAllAsync()
    {
        var seal = new Append(string.Empty, ReadOnlyMemory<byte>.Empty, 0, true);
        return _appends.Writer.TryWrite(seal) ? seal.Done.Task : Task.CompletedTask;
    }

    /// <summary>Sealed segments, oldest first.</summary>
    public IReadOnlyList<SpoolSegment> ReadySegments() =>
        Directory.EnumerateFiles(_options.Path, "*" + ReadySuffix)
            .Select(SpoolSegment.TryParse)
            .OfType<SpoolSegment>()
            .OrderBy(s => s.Sequence)
            .ToList();

    /// <summary>Waits until a segment is sealed or the timeout passes.</summary>
    public Task<bool> WaitForReadyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _readySignal.WaitAsync(timeout, cancellationToken);

    /// <summary>The traces of the requests whose rows a sealed segment holds (none after a restart).</summary>
    public IReadOnlyList<System.Diagnostics.ActivityContext> TracesOf(SpoolSegment segment) =>
        _traces.TryGetValue(segment.FilePath, out var traces) ? traces : [];

    /// <summary>Forgets a segment once its rows are in ClickHouse.</summary>
    public void Complete(SpoolSegment segment, int rowCount)
    {
        var length = new FileInfo(segment.FilePath).Length;
        File.Delete(segment.FilePath);
        File.Delete(segment.AttemptMarkerPath);
        _traces.TryRemove(segment.FilePath, out _);
        Interlocked.Add(ref _bytes, -length);
        Interlocked.Add(ref _rows, -rowCount);
    }

    /// <summary>Replaces a segment's content by a subset of its lines (after a partial insert).</summary>
    public void Rewrite(SpoolSegment segment, IReadOnlyList<string> keptLines, int droppedRows)
    {
        var before = new FileInfo(segment.FilePath).Length;
        var temporary = segment.FilePath + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
        {
            foreach (var line in keptLines)
            {
                writer.Write(line);
                writer.Write('\n');
            }

            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, segment.FilePath, overwrite: true);
        DirectorySync.Sync(_options.Path);
        Interlocked.Add(ref _bytes, new FileInfo(segment.FilePath).Length - before);
        Interlocked.Add(ref _rows, -droppedRows);
    }

    /// <summary>
    /// Sets aside a segment ClickHouse can never take (its data is malformed), so it does not block
    /// the ones behind it. It stays on disk under <c>dead/</c> for an operator to inspect.
    /// </summary>
    public string Quarantine(SpoolSegment segment, int rowCount)
    {
        var dead = System.IO.Path.Combine(_options.Path, "dead");
        Directory.CreateDirectory(dead);
        var length = new FileInfo(segment.FilePath).Length;
        var target = System.IO.Path.Combine(dead, System.IO.Path.GetFileName(segment.FilePath));
        File.Move(segment.FilePath, target, overwrite: true);
        File.Delete(segment.AttemptMarkerPath);
        Interlocked.Add(ref _bytes, -length);
        Interlocked.Add(ref _rows, -rowCount);
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        _appends.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        _readySignal.Dispose();
    }

    private void Recover()
    {
        foreach (var file in Directory.EnumerateFiles(_options.Path))
        {
            var name = System.IO.Path.GetFileName(file);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && long.TryParse(name[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                _sequence = Math.Max(_sequence, sequence);
            }

            if (name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                // A rewrite that did not finish; the segment it was replacing is still whole.
                File.Delete(file);
                continue;
            }

            if (name.EndsWith(OpenSuffix, StringComparison.Ordinal))
            {
                TruncateTornLine(file);
                var ready = file[..^OpenSuffix.Length] + ReadySuffix;
                File.Move(file, ready, overwrite: true);
                _logger.LogWarning("Recovered spool segment {Segment} left open by an unclean stop", name);
            }
        }

        foreach (var file in Directory.EnumerateFiles(_options.Path, "*" + ReadySuffix))
        {
            var length = new FileInfo(file).Length;
            _bytes += length;
            _rows += CountLines(file);
        }

        DirectorySync.Sync(_options.Path);
        if (_bytes > 0)
        {
            _readySignal.Release();
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _appends.Reader;
        var batch = new List<Append>();
        Task<bool>? waitForData = null;
        while (true)
        {
            // One outstanding wait at a time; the timer wakes the loop to seal segments by age.
            waitForData ??= reader.WaitToReadAsync().AsTask();
            var timer = Task.Delay(_options.FlushInterval / 2, _clock);
            var first = await Task.WhenAny(waitForData, timer).ConfigureAwait(false);
            if (first == waitForData)
            {
                var more = await waitForData.ConfigureAwait(false);
                waitForData = null;
                if (!more)
                {
                    SealAll(force: true);
                    return;
                }
            }

            batch.Clear();
            while (reader.TryRead(out var append))
            {
                batch.Add(append);
            }

            try
            {
                WriteBatch(batch);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "The ingest spool could not write {Count} appends", batch.Count);
                foreach (var append in batch)
                {
                    append.Done.TrySetException(ex);
                }
            }
        }
    }

    private void WriteBatch(List<Append> batch)
    {
        var touched = new HashSet<OpenSegment>();
        var sealRequested = false;
        foreach (var append in batch)
        {
            if (append.Seal)
            {
                sealRequested = true;
                continue;
            }

            var segment = OpenFor(append.Table);
            segment.Stream.Write(append.Lines.Span);
            var written = append.Lines.Length;
            if (append.Lines.Span[^1] != (byte)'\n')
            {
                segment.Stream.WriteByte((byte)'\n');
                written++;
            }

            segment.Rows += append.RowCount;
            if (append.Trace is { } trace && segment.Traces.Count < MaxTracesPerSegment)
            {
                segment.Traces.Add(trace);
            }
            Interlocked.Add(ref _bytes, written);
            Interlocked.Add(ref _rows, append.RowCount);
            touched.Add(segment);
        }

        // One fsync per touched segment acknowledges every append of this round (group commit).
        foreach (var segment in touched)
        {
            segment.Stream.Flush(flushToDisk: true);
        }

        foreach (var append in batch.Where(a => !a.Seal))
        {
            append.Done.TrySetResult();
        }

        SealAll(force: sealRequested);
        foreach (var append in batch.Where(a => a.Seal))
        {
            append.Done.TrySetResult();
        }
    }

    private OpenSegment OpenFor(string table)
    {
        if (_open.TryGetValue(table, out var segment))
        {
            return segment;
        }

        var sequence = ++_sequence;
        var path = System.IO.Path.Combine(_options.Path, $"{sequence.ToString("D16", CultureInfo.InvariantCulture)}-{table}{OpenSuffix}");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
        DirectorySync.Sync(_options.Path);
        segment = new OpenSegment(path, stream, _clock.GetUtcNow());
        _open[table] = segment;
        return segment;
    }

    private void SealAll(bool force)
    {
        var now = _clock.GetUtcNow();
        var sealedAny = false;
        foreach (var (table, segment) in _open.ToList())
        {
            if (!force && segment.Stream.Length < _options.SegmentBytes && now - segment.OpenedAt < _options.FlushInterval)
            {
                continue;
            }

            segment.Stream.Flush(flushToDisk: true);
            segment.Stream.Dispose();
            var ready = segment.Path[..^OpenSuffix.Length] + ReadySuffix;
            File.Move(segment.Path, ready);
            if (segment.Traces.Count > 0)
            {
                _traces[ready] = segment.Traces;
            }
            _open.Remove(table);
            sealedAny = true;
        }

        if (sealedAny)
        {
            DirectorySync.Sync(_options.Path);
            _readySignal.Release();
        }
    }

    private static void TruncateTornLine(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        var length = stream.Length;
        var end = length;
        var one = new byte[1];
        while (end > 0)
        {
            stream.Position = end - 1;
            stream.ReadExactly(one);
            if (one[0] == (byte)'\n')
            {
                break;
            }

            end--;
        }

        if (end < length)
        {
            stream.SetLength(end);
            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>Rows in a segment file (one per line), counted without loading the file.</summary>
    public static int CountLines(string file)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var count = 0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                count += buffer.AsSpan(0, read).Count((byte)'\n');
            }

            return count;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private sealed record Append(string Table, ReadOnlyMemory<byte> Lines, int RowCount, bool Seal)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The trace of the request that appended, so the later insert can be traced back to it.</summary>
        public System.Diagnostics.ActivityContext? Trace { get; init; }
    }

    private sealed class OpenSegment(string path, FileStream stream, DateTimeOffset openedAt)
    {
        public string Path { get; } = path;

        public FileStream Stream { get; } = stream;

        public DateTimeOffset OpenedAt { get; } = openedAt;

        public int Rows { get; set; }

        public List<System.Diagnostics.ActivityContext> Traces { get; } = [];
    }
}
