using Insights.Ingest.Connectors;
using Insights.Ingest.GitHub;
using Insights.Ingest.PagerDuty;
using Insights.Ingest.Quarantine;
using Insights.Warehouse.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Ingest;

public static class ConnectorsServiceCollectionExtensions
{
    /// <summary>The configured sources, their sync jobs and state, and the webhook handlers.</summary>
    public static IServiceCollection AddConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SourcesOptions>(configuration.GetSection(SourcesOptions.Section));
        services.Configure<GitHubWebhookOptions>(configuration.GetSection(GitHubWebhookOptions.Section));
        foreach (var kind in new[] { "jira", "pagerduty", "backstage" })
        {
            services.AddHttpClient(kind, http => http.Timeout = TimeSpan.FromSeconds(60));
        }

        services.AddSingleton<SecretResolver>();
        services.AddSingleton<ConnectorRegistry>();
        services.AddSingleton<ConnectorStateStore>();
        services.AddSingleton<QuarantineStore>();
        services.AddSingleton<ConnectorMetrics>();
        services.AddSingleton<ConnectorRunner>();
        services.AddTransient<ConnectorSyncJob>();
        services.AddSingleton<IRecurringJobRegistrar, ConnectorJobsRegistrar>();
        services.AddSingleton<CatalogLookupCache>();
        services.AddSingleton<WebhookOrderGate>();
        services.AddSingleton<GitHubWebhookProcessor>();
        services.AddSingleton<PagerDutyWebhookHandler>();
        return services;
    }
}
