using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
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
        // TRICKY: Hangfire's AddHangfire resolves the storage and the job activator from process-wide
        // statics (JobStorage.Current, JobActivator.Current) that every host overwrites while it starts.
        // Registering this host's own instances first (AddHangfire only TryAdds) keeps two hosts in one
        // process (the test suites, an embedded jobs role) from enqueueing into each other's database
        // or activating jobs from each other's service provider.
        services.AddSingleton<JobStorage>(provider => new PostgreSqlStorage(
            new NpgsqlConnectionFactory(provider.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString, StorageOptions(options)),
            StorageOptions(options)));
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        // Filters are per host for the same reason (see HostJobFilters); clients and servers take them from here.
        services.AddSingleton<IJobFilterProvider>(new HostJobFilters(new Operations.JobTelemetryFilter()));
        // The log provider cannot be per host (Hangfire reads only the static one): HostLogProvider
        // survives its host's disposal instead.
        services.AddHangfire((provider, hangfire) =>
        {
            hangfire
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseStorage(provider.GetRequiredService<JobStorage>())
                .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()));
        });

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

    private static PostgreSqlStorageOptions StorageOptions(JobsOptions options) => new()
    {
        SchemaName = options.SchemaName,
        QueuePollInterval = options.PollInterval,
        PrepareSchemaIfNecessary = true,
        DistributedLockTimeout = TimeSpan.FromMinutes(1),
    };

    /// <summary>Where the dashboard is served; SecurityHeadersMiddleware gives it <see cref="DashboardContentSecurityPolicy"/>.</summary>
    public const string DashboardPath = "/hangfire";

    /// <summary>
    /// Exactly what the dashboard loads: its own stylesheet, script bundle and fonts, the inline favicon
    /// (a data: URL), its polling requests and forms, and the inline style attributes of its state cards
    /// and labels (style attributes only: no inline script or style element).
    /// </summary>
    public const string DashboardContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; font-src 'self'; " +
        "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly Lazy<bool> DashboardScript = new(() =>
    {
        // Process-wide (Hangfire's bundle is static), so added once however many hosts start.
        DashboardRoutes.AddJavaScript(typeof(JobsServiceCollectionExtensions).Assembly, "jobs-assets/dashboard.js");
        return true;
    });

    public static IEndpointRouteBuilder MapJobsDashboard(this WebApplication app)
    {
        _ = DashboardScript.Value;
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new AdminDashboardAuthorizationFilter()],
            DashboardTitle = "Platform Insights — jobs",
            DisplayStorageConnectionString = false,
            AppPath = null,
        });
        return app;
    }
}
