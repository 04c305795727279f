using System.ComponentModel;
using Hangfire;

namespace Insights.Ingest.Connectors;

/// <summary>The Hangfire job that syncs one connector (recurring, or enqueued by POST /api/v1/connectors/{name}/sync).</summary>
public sealed class ConnectorSyncJob(ConnectorRunner runner)
{
    [DisplayName("Sync {0}")]
    [ConnectorLock(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 6, DelaysInSeconds = [15, 60, 300, 900, 1800, 3600])]
    public async Task RunAsync(string connector, CancellationToken cancellationToken) =>
        await runner.RunAsync(connector, cancellationToken).ConfigureAwait(false);
}
