using System.Net;
using System.Net.Http.Json;
using Insights.TestSupport;

namespace Insights.Server.Tests.Operations;

/// <summary>
/// Nothing acknowledged is lost, with real processes: ClickHouse killed in the middle of a push stream,
/// the server itself killed with SIGKILL. After recovery every acknowledged event is in the warehouse
/// exactly once (physically: no duplicate rows either).
/// </summary>
public sealed class FaultTests
{
    private static object[] Batch(string service, int batch, int size) =>
        Enumerable.Range(0, size).Select(i => (object)new
        {
            id = $"{service}-{batch}-{i}",
            service,
            environment = "production",
            status = "success",
            finished_at = "2026-03-02T14:05:00Z",
        }).ToArray();

    /// <summary>Pushes batches until told to stop, adding the ids of every item answered with 202 to <paramref name="acknowledged"/>.</summary>
    private static async Task<List<string>> PushUntilAsync(HttpClient client, string service, CancellationToken stop, List<string>? acknowledged = null, int size = 50)
    {
        acknowledged ??= [];
        for (var batch = 0; !stop.IsCancellationRequested; batch++)
        {
            var items = Batch(service, batch, size);
            try
            {
                using var response = await client.PostAsJsonAsync("/api/v1/deployments", items, CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    lock (acknowledged)
                    {
                        acknowledged.AddRange(Enumerable.Range(0, size).Select(i => $"{service}-{batch}-{i}"));
                    }
                }
            }
            catch (HttpRequestException)
            {
                // The server is gone: this batch was not acknowledged, so nothing is promised for it.
                await Task.Delay(20, CancellationToken.None);
            }
        }

        return acknowledged;
    }

    private static int CountOf(List<string> acknowledged)
    {
        lock (acknowledged)
        {
            return acknowledged.Count;
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails naming it after a minute.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    private static async Task AssertExactlyOnceAsync(Warehouse.ClickHouse.ClickHouseClient clickHouse, string service, List<string> acknowledged)
    {
        var stored = await clickHouse.QueryAsync<Dictionary<string, object>>(
            $"SELECT id, count() AS copies FROM deployments WHERE service = {Warehouse.ClickHouse.SqlLiteral.String(service)} GROUP BY id");
        var copies = stored.ToDictionary(r => r["id"].ToString()!, r => r["copies"].ToString());
        Assert.NotEmpty(acknowledged);
        Assert.All(acknowledged, id => Assert.True(copies.TryGetValue(id, out var n) && n == "1", $"{id}: {(copies.TryGetValue(id, out var c) ? c + " copies" : "missing")}"));
        Assert.All(copies, c => Assert.Equal("1", c.Value));
    }

    [Fact]
    public async Task ClickHouseDownMidStream_PushesStillAcknowledged_AndAllLandOnceItIsBack()
    {
        await using var clickHouse = await ClickHouseProcess.StartAsync();
        await using var server = await InsightsTestServer.StartAsync(
            new Dictionary<string, string?> { ["Spool:FlushInterval"] = "00:00:00.300", ["Spool:MaxRetryDelay"] = "00:00:01" },
            clickHouseUrl: clickHouse.Url);
        using var stop = new CancellationTokenSource();
        var acknowledgedSoFar = new List<string>();
        var pushing = PushUntilAsync(server.Client, "ch-fault", stop.Token, acknowledgedSoFar);
        int Count() => CountOf(acknowledgedSoFar);

        // Each phase lasts until the stream has made progress in it, not for a fixed time.
        await WaitForAsync(() => Task.FromResult(Count() >= 500), "500 acknowledged before the outage");
        await clickHouse.KillAsync();
        var beforeOutage = Count();
        await WaitForAsync(async () => (await server.Anonymous.GetAsync("/readyz")).StatusCode == HttpStatusCode.ServiceUnavailable, "/readyz failing while ClickHouse is down");
        // Acknowledged while ClickHouse is down: these live only in the spool until it is back.
        await WaitForAsync(() => Task.FromResult(Count() - beforeOutage >= 500), "500 acknowledged during the outage");
        await clickHouse.StartAgainAsync();
        var afterOutage = Count();
        await WaitForAsync(() => Task.FromResult(Count() - afterOutage >= 500), "500 acknowledged after the outage");
        stop.Cancel();
        var acknowledged = await pushing;
        await server.FlushAsync();

        await AssertExactlyOnceAsync(clickHouse.Client(server.ClickHouseDatabase.Name), "ch-fault", acknowledged);
    }

    [Fact]
    public async Task ServerKilledMidStream_EverythingAcknowledgedIsStoredOnce_AfterARestart()
    {
        await using var clickHouseDb = await TestClickHouseDatabase.CreateAsync();
        await using var postgres = await TestPostgresDatabase.CreateAsync();
        var spool = Path.Combine(Path.GetTempPath(), "insights-kill-" + Guid.NewGuid().ToString("N"));
        var environment = new Dictionary<string, string>
        {
            ["ClickHouse__Url"] = TestServices.ClickHouseUrl,
            ["ClickHouse__Database"] = clickHouseDb.Name,
            ["Postgres__ConnectionString"] = postgres.ConnectionString,
            ["Spool__Path"] = spool,
            // Long enough that most acknowledged rows are still in the spool when the process dies.
            ["Spool__FlushInterval"] = "00:00:02",
        };

        var first = await ServerProcess.StartAsync(environment);
        using var stop = new CancellationTokenSource();
        var acknowledgedSoFar = new List<string>();
        var pushing = PushUntilAsync(first.Client, "kill-9", stop.Token, acknowledgedSoFar);
        await WaitForAsync(() => Task.FromResult(CountOf(acknowledgedSoFar) >= 1000), "1,000 acknowledged before the kill");
        await first.KillAsync();
        stop.Cancel();
        var acknowledged = await pushing;
        await first.DisposeAsync();

        await using var second = await ServerProcess.StartAsync(environment);
        await second.WaitForEmptySpoolAsync(TimeSpan.FromSeconds(60));

        await AssertExactlyOnceAsync(clickHouseDb.Client, "kill-9", acknowledged);
        Directory.Delete(spool, recursive: true);
    }
}
