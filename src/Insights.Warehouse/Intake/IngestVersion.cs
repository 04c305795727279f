namespace Insights.Warehouse.Intake;

/// <summary>
/// Ingestion versions for ReplacingMergeTree: microseconds since the Unix epoch, strictly
/// increasing within a process, so of two copies of one event the later-received one wins.
/// </summary>
public sealed class IngestVersion(TimeProvider clock)
{
    private long _last;

    public ulong Next()
    {
        var now = (clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _last, next, last) == last)
            {
                return (ulong)next;
            }
        }
    }

    /// <summary>
    /// Makes every later version of this process greater than <paramref name="version"/>, which another
    /// server (with its own clock) gave: how a write that must replace it wins, whatever the clocks say.
    /// </summary>
    public void AdvancePast(ulong version)
    {
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            if ((ulong)last >= version || Interlocked.CompareExchange(ref _last, (long)version, last) == last)
            {
                return;
            }
        }
    }

    /// <summary>Reserves <paramref name="count"/> consecutive versions and returns the first.</summary>
    public ulong Reserve(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var now = (clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            var first = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _last, first + count - 1, last) == last)
            {
                return (ulong)first;
            }
        }
    }
}
