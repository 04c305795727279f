using Hangfire;
using Insights.Reports.Weeks;
using Microsoft.Extensions.Options;

namespace Insights.Reports.Jobs;

/// <summary>
/// The scheduled run: the last full ISO week in the configured time zone, for the organisation and (if
/// configured) each team. Idempotent per week and scope: a report that exists is kept, so a retried or
/// repeated run only adds what is missing and e-mails each report once.
/// </summary>
public sealed class WeeklyReportJob(ReportGenerator generator, IOptionsMonitor<ReportsOptions> options, TimeProvider clock)
{
    [DisableConcurrentExecution(timeoutInSeconds: 30 * 60)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var week = IsoWeek.LastFull(clock.GetUtcNow(), settings.Zone);
        await generator.GenerateWeekAsync(week, settings.PerTeam, ReportTrigger.Schedule, replace: false, deliver: true, cancellationToken).ConfigureAwait(false);
    }
}
