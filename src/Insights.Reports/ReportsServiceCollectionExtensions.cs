using Insights.Reports.Content;
using Insights.Reports.Delivery;
using Insights.Reports.Jobs;
using Insights.Reports.Links;
using Insights.Reports.Storage;
using Insights.Warehouse.Jobs;
using Insights.Warehouse.Surveys;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Insights.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>The weekly report: content, PDF, archive, e-mail outbox and their jobs (needs AddWarehouse and Hangfire).</summary>
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReportsOptions>(configuration.GetSection(ReportsOptions.Section));
        services.TryAddSingleton<SurveyQueries>();
        services.TryAddSingleton<INpsCommentSource, SurveyCommentSource>();
        services.AddSingleton<ReportContentBuilder>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<ReportLinkKey>();
        services.AddSingleton<ReportLinks>();
        services.AddSingleton<ReportMailer>();
        services.AddSingleton<ReportDeliveryService>();
        services.AddSingleton<ReportGenerator>();
        services.AddTransient<WeeklyReportJob>();
        services.AddTransient<ReportDeliveryJob>();
        services.AddSingleton<IRecurringJobRegistrar, ReportJobsRegistrar>();
        return services;
    }
}
