using System.Net;

namespace Insights.Ingest.Tests.Connectors;

/// <summary>
/// Hosts that share a process (the test suites; an api and a jobs role embedded together) configure
/// Hangfire, whose log provider is process-wide, one after another; one host stopping must not break
/// another's enqueueing. CI saw 500s ("Cannot access a disposed object: LoggerFactory") from exactly this.
/// </summary>
public sealed class ConcurrentHostsTests
{
    private static Task<ConnectorHarness> StartAsync() => ConnectorHarness.StartAsync(url => new Dictionary<string, string?>
    {
        ["Sources:Backstage:0:Name"] = "catalog",
        ["Sources:Backstage:0:BaseUrl"] = url,
        ["Sources:Backstage:0:Schedule"] = "0 3 * * *",
    }, role: "all");

    [Fact]
    public async Task AHostEnqueues_AfterAnotherHostConfiguredHangfireAndStopped()
    {
        // Both run job servers, so both configure Hangfire as they start; the second one does it last.
        await using var first = await StartAsync();
        var second = await StartAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await second.Server.Client.PostAsync("/api/v1/connectors/catalog/sync", null)).StatusCode);
        await second.DisposeAsync();

        // The first host builds its job client only now, after the second host's logging is gone.
        var answer = await first.Server.Client.PostAsync("/api/v1/connectors/catalog/sync", null);

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
    }

    [Fact]
    public async Task HostsStartingTogether_EachEnqueueTheirOwnSyncs()
    {
        var harnesses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => StartAsync()));
        try
        {
            var answers = await Task.WhenAll(harnesses.SelectMany(h => Enumerable.Range(0, 4).Select(_ => h.Server.Client.PostAsync("/api/v1/connectors/catalog/sync", null))));

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        }
        finally
        {
            await Task.WhenAll(harnesses.Select(h => h.DisposeAsync().AsTask()));
        }
    }
}
