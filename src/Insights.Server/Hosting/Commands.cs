using Insights.Domain.Metrics;
using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Metrics;
using Insights.Warehouse.Postgres;

namespace Insights.Server.Hosting;

/// <summary>The server's one-shot commands.</summary>
public static class Commands
{
    public static async Task<int> MigrateAsync(WebApplication app)
    {
        var postgres = await app.Services.GetRequiredService<PostgresMigrator>().MigrateAsync();
        var clickHouse = await app.Services.GetRequiredService<ClickHouseMigrator>().MigrateAsync();
        Console.WriteLine($"Applied {postgres.Count} PostgreSQL and {clickHouse.Count} ClickHouse migrations.");
        return 0;
    }

    /// <summary>Prints the ClickHouse schema the migrations produce (sql/clickhouse/schema.sql is this output).</summary>
    public static async Task<int> DumpSchemaAsync(WebApplication app)
    {
        var migrator = app.Services.GetRequiredService<ClickHouseMigrator>();
        await migrator.MigrateAsync();
        Console.Write(await migrator.DumpSchemaAsync());
        return 0;
    }

    /// <summary>
    /// Prints the SQL a metric runs (default range: the last 12 weeks), ready to paste into clickhouse-client:
    /// its summary, or with <c>items</c> the first page of its rows.
    /// </summary>
    public static int Explain(WebApplication app, string[] args)
    {
        if (args.Length == 0 || !MetricCatalog.TryGet(args[0], out var metric) || (args.Length > 1 && args[1] != "items"))
        {
            Console.Error.WriteLine($"usage: explain <metric> [items]; metrics: {string.Join(", ", MetricCatalog.All.Select(m => m.Name))}");
            return 2;
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var query = new MetricQuery(metric, today.AddDays(-83), today.AddDays(1));
        var options = app.Services.GetRequiredService<MetricEngine>().Options;
        Console.WriteLine(args.Length > 1
            ? app.Services.GetRequiredService<MetricItemReader>().Explain(new MetricItemsQuery(query))
            : MetricSql.Summary(metric, MetricFragments.Build(query, options, DateTime.UtcNow)).ToString());
        return 0;
    }

    public static int Usage(string command)
    {
        Console.Error.WriteLine($"Unknown command '{command}'. Use: serve (default) | migrate | schema | explain <metric>");
        return 2;
    }
}
