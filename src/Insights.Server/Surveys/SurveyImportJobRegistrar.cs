using Hangfire;
using Insights.Warehouse.Jobs;
using Microsoft.Extensions.Options;

namespace Insights.Server.Surveys;

/// <summary>Schedules <see cref="SurveyImportJob"/> when <c>surveys.import.path</c> is set, and removes it when not.</summary>
public sealed class SurveyImportJobRegistrar(IOptions<SurveyOptions> options) : IRecurringJobRegistrar
{
    public const string JobId = "surveys-csv-import";

    public void Register(IRecurringJobManager jobs)
    {
        var import = options.Value.Import;
        if (string.IsNullOrWhiteSpace(import.Path))
        {
            jobs.RemoveIfExists(JobId);
            return;
        }

        jobs.AddOrUpdate<SurveyImportJob>(JobId, job => job.RunAsync(CancellationToken.None), import.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }
}
