using System.Collections.Concurrent;
using System.Globalization;
using Hangfire;
using Insights.Warehouse.Metrics.KeptRows;

namespace Insights.Server.Metrics;

/// <summary>
/// Enqueues a <see cref="KeepRowsJob"/> for a shape at most once a minute: a dashboard whose questions all
/// miss while data keeps arriving asks for the same rows many times, and one job per minute is enough.
/// </summary>
public sealed class KeptRowsJobKeeper(IBackgroundJobClient jobs, TimeProvider clock, ILogger<KeptRowsJobKeeper> logger) : IKeptRowsKeeper
{
    private static readonly TimeSpan Spacing = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _enqueued = new(StringComparer.Ordinal);

    public void Keep(KeptRowsShape shape)
    {
        var now = clock.GetUtcNow();
        if (_enqueued.TryGetValue(shape.Key, out var last) && now - last < Spacing)
        {
            return;
        }

        _enqueued[shape.Key] = now;
        var question = shape.Question;
        try
        {
            jobs.Enqueue<KeepRowsJob>(job => job.RunAsync(
                question.Metric.Name,
                question.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                question.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                question.Environment ?? string.Empty,
                CancellationToken.None));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The answer was given; only its speed next time is at stake.
            _enqueued.TryRemove(shape.Key, out _);
            logger.LogWarning(ex, "Could not enqueue keeping the rows of {Metric}", question.Metric.Name);
        }
    }
}
