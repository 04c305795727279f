using System.Text.Json;
using Insights.Ingest.Connectors;
using Insights.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.Logging;
using WireMock.Server;

namespace Insights.Ingest.Tests.Connectors;

/// <summary>A real server whose sources point at a WireMock fake of the vendor, with a clock the test moves.</summary>
public sealed class ConnectorHarness : IAsyncDisposable
{
    private ConnectorHarness(InsightsTestServer server, WireMockServer fake, WatchedClock clock)
    {
        Server = server;
        Fake = fake;
        Clock = clock;
    }

    public InsightsTestServer Server { get; }

    public WireMockServer Fake { get; }

    public WatchedClock Clock { get; }

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    /// <param name="sources">Configuration keys under Sources: (the fake's URL is {fake}).</param>
    public static async Task<ConnectorHarness> StartAsync(Func<string, IDictionary<string, string?>> sources, string role = "api")
    {
        var fake = WireMockServer.Start();
        var clock = new WatchedClock(Start);
        var settings = sources(fake.Url!);
        settings["Insights:Role"] = role;
        settings["TEST_TOKEN"] = "s3cr3t-token";
        var server = await InsightsTestServer.StartAsync(settings, builder => builder.Services.AddSingleton<TimeProvider>(clock));
        return new ConnectorHarness(server, fake, clock);
    }

    public Task<SyncResult> SyncAsync(string name) =>
        Server.Services.GetRequiredService<ConnectorRunner>().RunAsync(name, CancellationToken.None);

    public Task<ConnectorState?> StateAsync(string name) =>
        Server.Services.GetRequiredService<ConnectorStateStore>().GetAsync(name, CancellationToken.None);

    /// <summary>The rows of a table as stored, latest copy per key.</summary>
    public async Task<List<Dictionary<string, JsonElement>>> RowsAsync(string table, string key = "id")
    {
        await Server.FlushAsync();
        return await Server.ClickHouse.QueryAsync<Dictionary<string, JsonElement>>(
            $"SELECT * FROM {table} ORDER BY _version DESC LIMIT 1 BY source, {key}");
    }

    public async Task<ulong> PhysicalRowsAsync(string table)
    {
        await Server.FlushAsync();
        return await Server.ClickHouse.QueryScalarAsync<ulong>($"SELECT count() FROM {table} FINAL");
    }

    public IReadOnlyList<ILogEntry> Requests(string pathStart) =>
        Fake.LogEntries.Where(e => e.RequestMessage.Path.StartsWith(pathStart, StringComparison.Ordinal)).ToList();

    public void ForgetRequests() => Fake.ResetLogEntries();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Fake.Stop();
        Fake.Dispose();
    }
}
