using Insights.TestSupport;
using Insights.Warehouse.ClickHouse;
using Microsoft.Extensions.Logging.Abstractions;

namespace Insights.Warehouse.Tests.ClickHouse;

[Trait("Warehouse", "Both")]
public class ClickHouseMigratorTests
{
    [Fact]
    public async Task MigrateAsync_AppliesEveryMigrationOnce()
    {
        await using var db = await TestClickHouseDatabase.CreateAsync(migrate: false);
        var migrator = new ClickHouseMigrator(db.Client, NullLogger<ClickHouseMigrator>.Instance);

        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        Assert.Equal(ClickHouseMigrator.Migrations.Select(m => m.Name), first);
        Assert.Empty(second);
        var recorded = await db.Client.QueryScalarAsync<ulong>("SELECT count() FROM schema_migrations");
        Assert.Equal((ulong)ClickHouseMigrator.Migrations.Count, recorded);
    }

    [Fact]
    public async Task MigrateAsync_Refuses_WhenAnAppliedMigrationChanged()
    {
        await using var db = await TestClickHouseDatabase.CreateAsync();
        await db.Client.ExecuteAsync("ALTER TABLE schema_migrations UPDATE checksum = 'tampered' WHERE name = '0001_deployments'");
        await WaitForMutationsAsync(db.Client);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new ClickHouseMigrator(db.Client, NullLogger<ClickHouseMigrator>.Instance).MigrateAsync());

        Assert.Contains("0001_deployments changed after it was applied", error.Message);
    }

    /// <summary>
    /// sql/clickhouse/schema.sql is what the migrations produce, and schema.cluster.sql their cluster form (in the
    /// cluster run of ./test.sh); refresh them with `Insights.Server schema` (docs/development.md).
    /// </summary>
    [Fact]
    public async Task SchemaSnapshot_MatchesTheMigrations()
    {
        await using var db = await TestClickHouseDatabase.CreateAsync();

        var dump = await new ClickHouseMigrator(db.Client, NullLogger<ClickHouseMigrator>.Instance).DumpSchemaAsync();

        var snapshot = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, TestServices.OnCluster ? "schema.cluster.sql" : "schema.sql"));
        Assert.Equal(snapshot.ReplaceLineEndings("\n").Trim(), dump.ReplaceLineEndings("\n").Trim());
    }

    private static async Task WaitForMutationsAsync(ClickHouseClient client)
    {
        ulong pending = 0;
        for (var i = 0; i < 600; i++)
        {
            pending = await client.QueryScalarAsync<ulong>(
                $"SELECT count() FROM system.mutations WHERE database = {SqlLiteral.String(client.Database)} AND is_done = 0");
            if (pending == 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{pending} mutation(s) of {client.Database} still running after 30 s");
    }
}
