using Hangfire;
using Hangfire.Storage;
using Insights.Warehouse.Jobs;

namespace Insights.Ingest.Connectors;

/// <summary>One recurring sync per configured source; syncs of sources removed from the configuration are removed too.</summary>
public sealed class ConnectorJobsRegistrar(ConnectorRegistry registry, JobStorage storage) : IRecurringJobRegistrar
{
    public const string Prefix = "sync:";

    public void Register(IRecurringJobManager jobs)
    {
        foreach (var source in registry.Sources)
        {
            jobs.AddOrUpdate<ConnectorSyncJob>(Prefix + source.Name, job => job.RunAsync(source.Name, CancellationToken.None), source.Schedule);
        }

        using var connection = storage.GetConnection();
        foreach (var stale in connection.GetRecurringJobs().Where(j => j.Id.StartsWith(Prefix, StringComparison.Ordinal) && !registry.Contains(j.Id[Prefix.Length..])))
        {
            jobs.RemoveIfExists(stale.Id);
        }
    }
}
