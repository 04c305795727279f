using Insights.Warehouse.ClickHouse;
using Microsoft.Extensions.Logging.Abstractions;

namespace Insights.TestSupport;

/// <summary>A fresh, migrated ClickHouse database for one test class; dropped afterwards.</summary>
public sealed class TestClickHouseDatabase : IAsyncDisposable
{
    private TestClickHouseDatabase(ClickHouseClient client) => Client = client;

    public ClickHouseClient Client { get; }

    public string Name => Client.Database;

    public static async Task<TestClickHouseDatabase> CreateAsync(bool migrate = true, string? url = null)
    {
        var client = url is null
            ? TestServices.ClickHouse(TestServices.UniqueName("t"))
            : new ClickHouseClient(new HttpClient(), new ClickHouseOptions { Url = url, Database = TestServices.UniqueName("t"), QueryTimeout = TimeSpan.FromSeconds(60) });
        await EnsureReachableAsync(client);
        if (migrate)
        {
            await new ClickHouseMigrator(client, NullLogger<ClickHouseMigrator>.Instance).MigrateAsync();
        }
        else
        {
            await client.ExecuteAsync($"CREATE DATABASE {SqlLiteral.Identifier(client.Database)}", useDatabase: false);
        }

        return new TestClickHouseDatabase(client);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Client.ExecuteAsync($"DROP DATABASE IF EXISTS {SqlLiteral.Identifier(Name)}", useDatabase: false);
        }
        catch (HttpRequestException)
        {
            // A test that stopped the server cleans up after itself.
        }
    }

    internal static async Task EnsureReachableAsync(ClickHouseClient client)
    {
        if (!await client.PingAsync())
        {
            throw new InvalidOperationException(
                $"No ClickHouse answers at {TestServices.ClickHouseUrl}. The tests need the services ./test.sh starts; run ./test.sh.");
        }
    }
}
