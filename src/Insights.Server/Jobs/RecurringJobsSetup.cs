using Hangfire;
using Insights.Warehouse.Jobs;

namespace Insights.Server.Jobs;

/// <summary>Registers every feature's recurring jobs once the host has started (instances that run jobs only).</summary>
public sealed class RecurringJobsSetup(IEnumerable<IRecurringJobRegistrar> registrars, IRecurringJobManager jobs, ILogger<RecurringJobsSetup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var registrar in registrars)
        {
            registrar.Register(jobs);
            logger.LogInformation("Registered recurring jobs of {Registrar}", registrar.GetType().Name);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
