using Insights.Domain.Metrics;
using Insights.Server.Push;
using Insights.Warehouse.Metrics;
using Insights.Warehouse.Metrics.KeptRows;
using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Intake;
using Insights.Warehouse.Postgres;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Insights.Server.Hosting;

public static class WarehouseServiceCollectionExtensions
{
    /// <summary>ClickHouse (the warehouse), PostgreSQL (product state) and the durable ingest path between the API and ClickHouse.</summary>
    public static IServiceCollection AddWarehouse(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<ClickHouseOptions>(configuration.GetSection(ClickHouseOptions.Section));
        services.Configure<PostgresOptions>(configuration.GetSection(PostgresOptions.Section));
        services.Configure<SpoolOptions>(configuration.GetSection(SpoolOptions.Section));
        services.Configure<IngestOptions>(configuration.GetSection(IngestOptions.Section));
        services.Configure<MetricsOptions>(configuration.GetSection(MetricsOptions.Section));

        services.AddSingleton(sp => new ClickHouseClient(
            new HttpClient(ClickHouseClient.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetRequiredService<IOptions<ClickHouseOptions>>().Value));
        services.AddSingleton<ClickHouseMigrator>();
        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(sp.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString)
            .EnableParameterLogging(false)
            .Build());
        services.AddSingleton<PostgresMigrator>();

        services.AddSingleton<IngestMetrics>();
        services.AddSingleton<IngestVersion>();
        services.AddSingleton(sp => new EventSpool(
            sp.GetRequiredService<IOptions<SpoolOptions>>().Value,
            sp.GetRequiredService<ILogger<EventSpool>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IngestMetrics>().Meter));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SpoolOptions>>().Value);
        services.AddSingleton<IngestCatalog>();
        services.AddSingleton<EventIngestor>();

        services.AddSingleton<KeptRowsStore>();
        services.AddSingleton<IKeptRowsKeeper, Insights.Server.Metrics.KeptRowsJobKeeper>();
        services.AddTransient<Insights.Server.Metrics.KeepRowsJob>();
        services.AddSingleton<MetricEngine>();
        services.AddSingleton<MetricItemReader>();
        services.AddSingleton<MetricScopeCheck>();
        services.AddSingleton<Insights.Server.Metrics.ItemCursors>();
        services.AddSingleton<DoraService>();
        services.AddSingleton<ImpactService>();
        services.AddSingleton<CatalogQueries>();

        // Order matters: schemas exist before the flusher inserts into them.
        services.AddSingleton<StartupMigrations>();
        services.AddHostedService(sp => sp.GetRequiredService<StartupMigrations>());
        services.AddSingleton<SpoolFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<SpoolFlusher>());
        return services;
    }
}
