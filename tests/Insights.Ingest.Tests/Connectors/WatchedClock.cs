using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Insights.Ingest.Tests.Connectors;

/// <summary>
/// A fake clock that tells the test when code starts waiting on it: a test advances time only once the
/// wait it means to end exists. (Advancing before the timer is created would move its deadline instead,
/// and the wait would never end.) The whole test server runs on this clock, so a test names the wait it
/// means by its length.
/// </summary>
public sealed class WatchedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<(Func<TimeSpan, bool> Matches, TaskCompletionSource<TimeSpan> Created)> _watches = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        foreach (var watch in _watches)
        {
            if (watch.Matches(dueTime))
            {
                watch.Created.TrySetResult(dueTime);
            }
        }

        return timer;
    }

    /// <summary>Completes with the delay once a timer whose delay matches is created (from now on).</summary>
    public Task<TimeSpan> TimerCreatedAsync(Func<TimeSpan, bool> matches)
    {
        var created = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        _watches.Enqueue((matches, created));
        return created.Task;
    }
}
