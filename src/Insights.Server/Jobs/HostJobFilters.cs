using Hangfire.Common;

namespace Insights.Server.Jobs;

/// <summary>
/// This host's Hangfire filters: the process-wide providers (filter attributes on job classes,
/// <see cref="Hangfire.GlobalJobFilters"/>) plus filters this host owns. Adding our filters to
/// GlobalJobFilters instead would mutate a plain list that every other host in the process
/// enumerates while it enqueues or performs jobs ("Collection was modified" under load).
/// </summary>
public sealed class HostJobFilters(params object[] filters) : IJobFilterProvider
{
    private readonly JobFilter[] _own = filters.Select(filter => new JobFilter(filter, JobFilterScope.Global, order: null)).ToArray();

    public IEnumerable<JobFilter> GetFilters(Job job) =>
        job is null ? _own : JobFilterProviders.Providers.GetFilters(job).Concat(_own);
}
