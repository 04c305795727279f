using Insights.Warehouse.ClickHouse;
using Microsoft.Extensions.Logging.Abstractions;

namespace Insights.TestSupport;

/// <summary>A fresh, migrated ClickHouse database for one test class; dropped afterwards.</summary>
public sealed class TestClickHouseDatabase : IAsyncDisposable
{
    private TestClickHouseDatabase(ClickHouseClient client) => Client = client;

    public ClickHouseClient Client { get; }

    public string Name => Client.Database;

    /// <param name="url">Another server than the tests' own (with <paramref name="cluster"/>: a node of that cluster).</param>
    public static async Task<TestClickHouseDatabase> CreateAsync(bool migrate = true, string? url = null, string? cluster = null)
    {
        var client = url is null
            ? TestServices.ClickHouse(TestServices.UniqueName("t"))
            : new ClickHouseClient(new HttpClient(), new ClickHouseOptions { Url = url, Database = TestServices.UniqueName("t"), QueryTimeout = TimeSpan.FromSeconds(60), Cluster = cluster ?? string.Empty });
        await EnsureReachableAsync(client);
        if (migrate)
        {
            await new ClickHouseMigrator(client, NullLogger<ClickHouseMigrator>.Instance).MigrateAsync();
        }
        else if (!client.Options.IsCluster)
        {
            // On a cluster the server's migrations create it (ON CLUSTER): a test may start a server while a
            // node or ZooKeeper is down, which is when distributed DDL cannot run.
            await client.ExecuteAsync($"CREATE DATABASE {SqlLiteral.Identifier(client.Database)}", useDatabase: false);
        }

        return new TestClickHouseDatabase(client);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Client.ExecuteAsync($"DROP DATABASE IF EXISTS {SqlLiteral.Identifier(Name)}{OnCluster(Client)}", useDatabase: false);
        }
        catch (Exception ex) when (ex is HttpRequestException or ClickHouseException or TimeoutException)
        {
            // A test that stopped the server (or a node of the cluster) cleans up after itself.
        }
    }

    private static string OnCluster(ClickHouseClient client) =>
        client.Options.IsCluster ? $" ON CLUSTER {SqlLiteral.Identifier(client.Options.Cluster)}" : string.Empty;

    internal static async Task EnsureReachableAsync(ClickHouseClient client)
    {
        if (!await client.PingAsync())
        {
            throw new InvalidOperationException(
                $"No ClickHouse answers at {TestServices.ClickHouseUrl}. The tests need the services ./test.sh starts; run ./test.sh.");
        }
    }
}
