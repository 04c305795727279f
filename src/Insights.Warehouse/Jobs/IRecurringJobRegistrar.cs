using Hangfire;

namespace Insights.Warehouse.Jobs;

/// <summary>
/// A feature's recurring jobs (a connector's sync, the weekly report, a survey import). The host calls
/// every registrar at start on instances that run jobs; a registrar also removes the jobs its
/// configuration no longer names, so that editing the YAML file is enough.
/// </summary>
public interface IRecurringJobRegistrar
{
    void Register(IRecurringJobManager jobs);
}
