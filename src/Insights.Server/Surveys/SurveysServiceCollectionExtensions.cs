using Insights.Warehouse.Jobs;
using Insights.Warehouse.Surveys;

namespace Insights.Server.Surveys;

public static class SurveysServiceCollectionExtensions
{
    /// <summary>Campaigns, respondent links, the answer write path and the CSV import job.</summary>
    public static IServiceCollection AddSurveys(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SurveyOptions>(configuration.GetSection(SurveyOptions.Section));
        services.AddSingleton<SurveyKeys>();
        services.AddSingleton<CampaignStore>();
        services.AddSingleton<NpsResponseWriter>();
        services.AddSingleton<SurveyQueries>();
        services.AddSingleton<SurveyAnswers>();
        services.AddSingleton<LinkIssuer>();
        services.AddSingleton<SurveyCsvImporter>();
        services.AddTransient<SurveyImportJob>();
        services.AddSingleton<IRecurringJobRegistrar, SurveyImportJobRegistrar>();
        return services;
    }
}
