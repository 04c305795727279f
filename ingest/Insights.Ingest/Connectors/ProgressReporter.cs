using Microsoft.Extensions.Logging;

namespace Insights.Ingest.Connectors;

/// <summary>
/// Counts the pages and items a sync reads, logs them (every page at debug level, and at information
/// level on a stage's first page and every <see cref="LogEvery"/> pages, so a long first sync shows it
/// is moving) and hands each step to the status (<c>GET /api/v1/connectors/{name}</c>).
/// </summary>
public sealed class ProgressReporter(string connector, TimeProvider clock, ILogger logger, Func<SyncProgress, CancellationToken, Task>? publish = null)
{
    public const int LogEvery = 10;

    private string _stage = "";
    private int _stagePages;
    private long _stageItems;
    private long? _stageExpected;

    public SyncProgress? Current { get; private set; }

    /// <summary>One page of <paramref name="stage"/> was read (pages of a new stage start its counts over).</summary>
    public async Task PageAsync(string stage, int items, long? expected, CancellationToken cancellationToken)
    {
        if (!string.Equals(stage, _stage, StringComparison.Ordinal))
        {
            (_stage, _stagePages, _stageItems, _stageExpected) = (stage, 0, 0, null);
        }

        _stagePages++;
        _stageItems += items;
        _stageExpected = expected ?? _stageExpected;
        Current = new SyncProgress(
            _stage, _stagePages, _stageItems, _stageExpected,
            (Current?.Pages ?? 0) + 1, (Current?.Items ?? 0) + items, clock.GetUtcNow().UtcDateTime);
        var level = _stagePages == 1 || _stagePages % LogEvery == 0 ? LogLevel.Information : LogLevel.Debug;
        if (logger.IsEnabled(level))
        {
            logger.Log(level, "{Connector}: {Stage}: page {StagePages}, {StageItems} items{Expected} ({Pages} pages, {Items} items in this run)",
                connector, _stage, _stagePages, _stageItems, _stageExpected is { } total ? $" of {total}" : "", Current.Pages, Current.Items);
        }

        if (publish is not null)
        {
            await publish(Current, cancellationToken).ConfigureAwait(false);
        }
    }
}
