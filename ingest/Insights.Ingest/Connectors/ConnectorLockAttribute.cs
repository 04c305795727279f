using Hangfire.Common;
using Hangfire.Server;
using Hangfire.Storage;

namespace Insights.Ingest.Connectors;

/// <summary>
/// Hangfire's <c>[DisableConcurrentExecution]</c>, but per connector: the lock is named after the job's
/// first argument (the connector name), so two syncs of one source never overlap while different
/// sources still sync in parallel.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ConnectorLockAttribute(int timeoutInSeconds) : JobFilterAttribute, IServerFilter
{
    private const string LockKey = "connector-lock";

    public void OnPerforming(PerformingContext context)
    {
        var resource = "insights:connector-sync:" + context.BackgroundJob.Job.Args[0];
        var handle = context.Connection.AcquireDistributedLock(resource, TimeSpan.FromSeconds(timeoutInSeconds));
        context.Items[LockKey] = handle;
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.TryGetValue(LockKey, out var handle) && handle is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
