using Hangfire;
using Insights.Warehouse.Jobs;
using Microsoft.Extensions.Options;

namespace Insights.Reports.Jobs;

/// <summary>The weekly report job (its schedule in its time zone) and the e-mail safety net, as configured.</summary>
public sealed class ReportJobsRegistrar(IOptionsMonitor<ReportsOptions> options) : IRecurringJobRegistrar
{
    public const string WeeklyJobId = "reports:weekly";
    public const string DeliveriesJobId = "reports:deliveries";

    /// <summary>Picks up due e-mails whose scheduled attempt was lost (e.g. the instance stopped).</summary>
    public const string DeliveriesSchedule = "*/5 * * * *";

    public void Register(IRecurringJobManager jobs)
    {
        var settings = options.CurrentValue;
        if (settings.Enabled)
        {
            jobs.AddOrUpdate<WeeklyReportJob>(WeeklyJobId, job => job.RunAsync(CancellationToken.None), settings.Schedule, new RecurringJobOptions { TimeZone = settings.Zone });
        }
        else
        {
            jobs.RemoveIfExists(WeeklyJobId);
        }

        if (settings.Smtp.Enabled)
        {
            jobs.AddOrUpdate<ReportDeliveryJob>(DeliveriesJobId, job => job.RunAsync(CancellationToken.None), DeliveriesSchedule);
        }
        else
        {
            jobs.RemoveIfExists(DeliveriesJobId);
        }
    }
}
