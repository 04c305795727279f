using System.Net;

namespace Insights.Ingest.Tests.Connectors;

/// <summary>
/// Hosts that share a process (the test suites; an api and a jobs role embedded together) start and
/// enqueue at the same moment. Hangfire keeps some state process-wide; none of it may make one host's
/// request fail while another starts (CI once saw 500s from exactly this).
/// </summary>
public sealed class ConcurrentHostsTests
{
    [Fact]
    public async Task HostsStartingTogether_EachEnqueueTheirOwnSyncs()
    {
        var harnesses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ConnectorHarness.StartAsync(url => new Dictionary<string, string?>
        {
            ["Sources:Backstage:0:Name"] = "catalog",
            ["Sources:Backstage:0:BaseUrl"] = url,
            ["Sources:Backstage:0:Schedule"] = "0 3 * * *",
        }, role: "all")));
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
