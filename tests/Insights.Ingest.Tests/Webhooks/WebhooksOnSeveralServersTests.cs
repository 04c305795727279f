using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Insights.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Insights.Ingest.Tests.Webhooks;

/// <summary>
/// GitHub deliveries spread over two servers of one cluster and one PostgreSQL, the second server's clock
/// an hour behind the first's: the order of deliveries holds across servers, and a delivery redelivered to
/// the other server counts once.
/// </summary>
[Trait("Warehouse", "Cluster")]
public sealed class WebhooksOnSeveralServersTests : IAsyncLifetime
{
    private const string Secret = "It's a Secret to Everybody";
    private InsightsTestServer _first = null!;
    private InsightsTestServer _second = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?> { ["INSIGHTS_GITHUB_WEBHOOK_SECRET"] = Secret };
        var behind = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        _first = await InsightsTestServer.StartAsync(settings, clickHouseUrl: TestCluster.Url(1), cluster: TestCluster.Name);
        _second = await InsightsTestServer.StartAsync(settings, builder => builder.Services.AddSingleton<TimeProvider>(behind),
            reuse: _first, clickHouseUrl: TestCluster.Url(2), cluster: TestCluster.Name, ownSpool: true);
        await _first.PushAllAsync("services", [new { name = "hello-world", team = "octo", repository = "Codertocat/Hello-World" }]);
        await _first.FlushAsync();
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task ALaterStatusTakenByTheServerWhoseClockIsBehind_StillReplacesTheEarlierOne()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await DeliverAsync(_first, Status(8001, 10, "in_progress", "2019-05-15T15:20:50Z"))).StatusCode);
        await _first.FlushAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await DeliverAsync(_second, Status(8001, 11, "success", "2019-05-15T15:20:55Z"))).StatusCode);
        // And the stale one again, now at the first server: refused by the order both servers share.
        Assert.Equal(HttpStatusCode.Accepted, (await DeliverAsync(_first, Status(8001, 10, "in_progress", "2019-05-15T15:20:50Z"))).StatusCode);
        await Task.WhenAll(_first.FlushAsync(), _second.FlushAsync());

        var rows = await _first.ClickHouse.QueryAsync<Dictionary<string, JsonElement>>(
            "SELECT status, finished_at FROM deployments FINAL WHERE source = 'github' AND id = '8001'");
        Assert.Equal("success", Assert.Single(rows)["status"].GetString());
    }

    [Fact]
    public async Task ADeliveryRedeliveredToTheOtherServer_CountsOnce()
    {
        var status = Status(8002, 21, "success", "2019-05-16T10:00:00Z");

        var answers = await Task.WhenAll(DeliverAsync(_first, status), DeliverAsync(_second, status));
        await Task.WhenAll(_first.FlushAsync(), _second.FlushAsync());

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        var frequency = await _first.Client.GetFromJsonAsync<JsonElement>("/api/v1/metrics/deployment-frequency?from=2019-05-13&to=2019-05-20&team=octo");
        Assert.Equal(1, frequency.GetProperty("summary").GetProperty("n").GetInt32());
    }

    /// <summary>GitHub's sample status, moved to another deployment and given another state, id and time.</summary>
    private static string Status(long deployment, long id, string state, string createdAt)
    {
        var payload = JsonNode.Parse(WebhookSigning.Fixture("deployment_status.payload.json"))!;
        payload["deployment"]!["id"] = deployment;
        payload["deployment_status"]!["id"] = id;
        payload["deployment_status"]!["state"] = state;
        payload["deployment_status"]!["created_at"] = createdAt;
        payload["deployment_status"]!["updated_at"] = createdAt;
        return payload.ToJsonString();
    }

    private static Task<HttpResponseMessage> DeliverAsync(InsightsTestServer server, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", "deployment_status");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + WebhookSigning.Hex(Secret, body));
        return server.Anonymous.SendAsync(request);
    }
}
