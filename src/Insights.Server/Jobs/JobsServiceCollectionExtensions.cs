using Hangfire;
using Hangfire.PostgreSql;
using Insights.Warehouse.Postgres;
using Microsoft.Extensions.Options;

namespace Insights.Server.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire on PostgreSQL: every instance can enqueue and schedule; instances whose role runs jobs
    /// also process them. Job code assumes at-least-once execution (connectors resume from cursors,
    /// ingest is idempotent).
    /// </summary>
    public static IServiceCollection AddInsightsJobs(this IServiceCollection services, IConfiguration configuration, InstanceRole role)
    {
        services.Configure<JobsOptions>(configuration.GetSection(JobsOptions.Section));
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddHangfire((provider, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseFilter(new Operations.JobTelemetryFilter())
            .UsePostgreSqlStorage(
                storage => storage.UseNpgsqlConnection(provider.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString),
                new PostgreSqlStorageOptions
                {
                    SchemaName = options.SchemaName,
                    QueuePollInterval = options.PollInterval,
                    PrepareSchemaIfNecessary = true,
                    DistributedLockTimeout = TimeSpan.FromMinutes(1),
                }));

        if (role.RunsJobs)
        {
            services.AddHangfireServer(server =>
            {
                server.WorkerCount = options.WorkerCount;
                server.SchedulePollingInterval = options.PollInterval;
                server.ServerName = $"insights-{Environment.MachineName}-{Environment.ProcessId}";
            });
            services.AddHostedService<RecurringJobsSetup>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapJobsDashboard(this WebApplication app)
    {
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdminDashboardAuthorizationFilter()],
            DashboardTitle = "Platform Insights — jobs",
            DisplayStorageConnectionString = false,
            AppPath = null,
        });
        return app;
    }
}
