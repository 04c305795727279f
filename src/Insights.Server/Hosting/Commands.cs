using Insights.Warehouse.ClickHouse;
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

    public static int Usage(string command)
    {
        Console.Error.WriteLine($"Unknown command '{command}'. Use: serve (default) | migrate | schema");
        return 2;
    }
}
