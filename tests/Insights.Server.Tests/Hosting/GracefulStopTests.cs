using System.Net;
using Insights.TestSupport;

namespace Insights.Server.Tests.Hosting;

public class GracefulStopTests
{
    [Fact]
    public async Task Stop_WritesEveryAcknowledgedEventToClickHouse()
    {
        // Segments would only be sealed after an hour: whatever is in ClickHouse after the stop got there because of the stop.
        var settings = new Dictionary<string, string?> { ["Spool:FlushInterval"] = "01:00:00" };
        await using var server = await InsightsTestServer.StartAsync(settings);
        var acknowledged = 0;
        for (var batch = 0; batch < 20; batch++)
        {
            var items = Enumerable.Range(0, 500).Select(i => new
            {
                id = $"stop-{batch}-{i}",
                service = "graceful",
                environment = "production",
                status = "success",
                finished_at = "2026-03-02T14:05:00Z",
            });
            var response = await server.PushAsync("deployments", items);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            acknowledged += 500;
        }

        var before = await server.ClickHouse.QueryScalarAsync<ulong>("SELECT count() FROM deployments");
        await server.StopAsync();
        var after = await server.ClickHouse.QueryScalarAsync<ulong>("SELECT count() FROM deployments FINAL WHERE service = 'graceful'");

        Assert.Equal(0UL, before);
        Assert.Equal((ulong)acknowledged, after);
        Assert.Empty(Directory.GetFiles(server.SpoolPath, "*.ready"));
    }

    [Fact]
    public async Task Restart_InsertsWhatAStoppedServerLeftInItsSpool()
    {
        // A stop that cannot reach ClickHouse leaves the spool on disk; the next start picks it up.
        var settings = new Dictionary<string, string?> { ["Spool:FlushInterval"] = "01:00:00", ["Spool:DrainOnStop"] = "00:00:00" };
        await using var first = await InsightsTestServer.StartAsync(settings);
        await first.PushAsync("incidents", new[] { new { id = "left-behind", service = "s", title = "t", started_at = "2026-03-02T14:05:00Z" } });
        await first.StopAsync();
        Assert.NotEmpty(Directory.GetFiles(first.SpoolPath));

        await using var second = await InsightsTestServer.StartAsync(reuse: first);
        await second.FlushAsync();

        Assert.Equal(1UL, await second.ClickHouse.QueryScalarAsync<ulong>("SELECT count() FROM incidents WHERE id = 'left-behind'"));
    }
}
