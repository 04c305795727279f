using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Insights.TestSupport;

namespace Insights.Ingest.Tests.Webhooks;

/// <summary>GitHub's own sample deliveries (tests/…/Fixtures/github), signed as GitHub signs them.</summary>
public sealed class GitHubWebhookTests : IAsyncLifetime
{
    private const string Secret = "It's a Secret to Everybody";
    private InsightsTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await InsightsTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["INSIGHTS_GITHUB_WEBHOOK_SECRET"] = Secret,
            ["Metrics:GoldenPathPipelines:0"] = ".github/workflows/*",
        });
        await _server.PushAsync("services", new[] { new { name = "hello-world", team = "octo", repository = "Codertocat/Hello-World" } });
        await _server.FlushAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<HttpResponseMessage> DeliverAsync(string @event, string body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", @event);
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }

        return _server.Anonymous.SendAsync(request);
    }

    private Task<HttpResponseMessage> DeliverSignedAsync(string @event, string body) => DeliverAsync(@event, body, "sha256=" + WebhookSigning.Hex(Secret, body));

    [Fact]
    public void Signature_MatchesGitHubsPublishedTestVector() =>
        Assert.Equal("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", WebhookSigning.Hex(Secret, "Hello, World!"));

    [Fact]
    public async Task RealDeliveries_AreStored_AndShowUpInTheMetrics()
    {
        // The sample PR is closed but not merged: make it a merge 7 s after it opened (GitHub's own fields).
        var pr = JsonNode.Parse(WebhookSigning.Fixture("pull_request.closed.payload.json"))!;
        pr["pull_request"]!["merged"] = true;
        pr["pull_request"]!["merged_at"] = "2019-05-15T15:20:40Z";

        var responses = new[]
        {
            await DeliverSignedAsync("pull_request", pr.ToJsonString()),
            await DeliverSignedAsync("deployment_status", WebhookSigning.Fixture("deployment_status.payload.json")),
            await DeliverSignedAsync("deployment_status", WebhookSigning.Fixture("deployment_status.payload.json")),
            await DeliverSignedAsync("deployment", WebhookSigning.Fixture("deployment.payload.json")),
            await DeliverSignedAsync("workflow_run", WebhookSigning.Fixture("workflow_run.completed.payload.json")),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        await _server.FlushAsync();
        var deployments = await _server.ClickHouse.QueryAsync<Dictionary<string, JsonElement>>("SELECT * FROM deployments FINAL ORDER BY source");
        Assert.Equal(2, deployments.Count);
        Assert.Equal(["github", "github-actions"], deployments.Select(d => d["source"].GetString()));
        Assert.Equal("hello-world", deployments[0]["service"].GetString());
        Assert.Equal("2019-05-15 15:20:55", deployments[0]["finished_at"].GetString());
        Assert.Equal(1, deployments[1]["golden_path"].GetInt32());
        Assert.Equal("octo-repo", deployments[1]["service"].GetString());
        // The merged change keeps GitHub's author type and labels (the sample's author is a User, its label "bug").
        var change = Assert.Single(await _server.ClickHouse.QueryAsync<Dictionary<string, JsonElement>>("SELECT author, author_type, labels FROM pull_requests FINAL"));
        Assert.Equal(("Codertocat", "User"), (change["author"].GetString(), change["author_type"].GetString()));
        Assert.Equal(["bug"], change["labels"].EnumerateArray().Select(l => l.GetString()));

        // One production deployment in that week, which shipped the merged change 22 s after the PR opened.
        var frequency = await _server.Client.GetFromJsonAsync<JsonElement>("/api/v1/metrics/deployment-frequency?from=2019-05-13&to=2019-05-20&team=octo");
        var lead = await _server.Client.GetFromJsonAsync<JsonElement>("/api/v1/metrics/lead-time?from=2019-05-13&to=2019-05-20&team=octo");
        Assert.Equal(1, frequency.GetProperty("summary").GetProperty("n").GetInt32());
        Assert.Equal(1, lead.GetProperty("summary").GetProperty("n").GetInt32());
        Assert.Equal(0.01, lead.GetProperty("summary").GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task AMergeDeliveredAfterTheSync_KeepsWhatTheSyncRead()
    {
        // The sync stored the change with its first commit and its review history (source github).
        var synced = new { source = "github", repository = "Codertocat/Hello-World", number = 99, author = "Codertocat", created_at = "2019-05-15T15:20:33Z", merged_at = "2019-05-15T15:40:00Z",
            first_commit_at = "2019-05-15T14:00:00Z", ready_for_review_at = "2019-05-15T15:25:00Z", first_review_at = "2019-05-15T15:30:00Z" };
        Assert.Equal(HttpStatusCode.Accepted, (await _server.PushAsync("pull-requests", new[] { synced })).StatusCode);

        // GitHub redelivers the merge right after (both may still be in the spool); the delivery knows none of that.
        var pr = JsonNode.Parse(WebhookSigning.Fixture("pull_request.closed.payload.json"))!;
        pr["number"] = 99;
        pr["pull_request"]!["number"] = 99;
        pr["pull_request"]!["merged"] = true;
        pr["pull_request"]!["merged_at"] = "2019-05-15T15:40:00Z";
        Assert.Equal(HttpStatusCode.Accepted, (await DeliverSignedAsync("pull_request", pr.ToJsonString())).StatusCode);
        await _server.FlushAsync();

        // The delivery is the latest copy (its labels), and lead time still reads the sync's stages.
        var items = await _server.Client.GetFromJsonAsync<JsonElement>("/api/v1/metrics/lead-time/items?from=2019-05-13&to=2019-05-20");
        var change = Assert.Single(items.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == "Codertocat/Hello-World#99");
        Assert.Equal("2019-05-15T14:00:00Z", change.GetProperty("first_commit_at").GetString());
        Assert.Equal("2019-05-15T15:25:00Z", change.GetProperty("ready_for_review_at").GetString());
        Assert.Equal("2019-05-15T15:30:00Z", change.GetProperty("first_review_at").GetString());
        Assert.Equal(["bug"], change.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
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

    private async Task<(string Status, string? FinishedAt)> StoredAsync(long deployment)
    {
        await _server.FlushAsync();
        var rows = await _server.ClickHouse.QueryAsync<Dictionary<string, JsonElement>>(
            $"SELECT status, finished_at FROM deployments FINAL WHERE source = 'github' AND id = '{deployment}'");
        var row = Assert.Single(rows);
        return (row["status"].GetString()!, row["finished_at"].ValueKind == JsonValueKind.Null ? null : row["finished_at"].GetString());
    }

    [Fact]
    public async Task DeploymentStatuses_DeliveredOutOfOrder_LeaveTheDeploymentAsItsStatusesSay()
    {
        // The success arrives first; the in_progress before it and a later failure must not undo it
        // (a success is final, as for the REST sync). A redelivery of the success is harmless.
        var statuses = new[]
        {
            Status(7001, 11, "success", "2019-05-15T15:20:55Z"),
            Status(7001, 10, "in_progress", "2019-05-15T15:20:50Z"),
            Status(7001, 12, "failure", "2019-05-15T15:21:30Z"),
            Status(7001, 11, "success", "2019-05-15T15:20:55Z"),
        };
        foreach (var status in statuses)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await DeliverSignedAsync("deployment_status", status)).StatusCode);
        }

        Assert.Equal(("success", "2019-05-15 15:20:55"), await StoredAsync(7001));

        // A failure, then the queued status that preceded it: still failed.
        await DeliverSignedAsync("deployment_status", Status(7002, 21, "failure", "2019-05-15T16:00:00Z"));
        await DeliverSignedAsync("deployment_status", Status(7002, 20, "queued", "2019-05-15T15:59:00Z"));
        Assert.Equal(("failure", "2019-05-15 16:00:00"), await StoredAsync(7002));

        // In order, a retried deployment goes from failure to success.
        await DeliverSignedAsync("deployment_status", Status(7003, 31, "failure", "2019-05-15T17:00:00Z"));
        await DeliverSignedAsync("deployment_status", Status(7003, 32, "success", "2019-05-15T17:10:00Z"));
        Assert.Equal(("success", "2019-05-15 17:10:00"), await StoredAsync(7003));
    }

    [Fact]
    public async Task DeploymentStatuses_DeliveredAllAtOnce_EndInTheLatestSuccess()
    {
        // Twelve statuses of one deployment (two successes among them) delivered concurrently in a shuffled order.
        var start = new DateTime(2019, 5, 16, 9, 0, 0, DateTimeKind.Utc);
        string State(int i) => i switch { 5 or 9 => "success", 7 => "failure", _ => i % 2 == 0 ? "pending" : "in_progress" };
        var statuses = Enumerable.Range(0, 12)
            .Select(i => Status(7100, 100 + i, State(i), IsoTime.Of(start.AddMinutes(i))))
            .OrderBy(_ => Random.Shared.Next())
            .ToList();

        var responses = await Task.WhenAll(statuses.Select(s => DeliverSignedAsync("deployment_status", s)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(("success", "2019-05-16 09:09:00"), await StoredAsync(7100));
    }

    [Theory]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha1=7d38cdd689735b008b3c702edd92eea23791c5f6")]
    [InlineData("sha256=not-hex")]
    [InlineData(null)]
    public async Task WrongOrMissingSignature_Is401_AndStoresNothing(string? signature)
    {
        var body = WebhookSigning.Fixture("deployment_status.payload.json").Replace("145988746", "999000111", StringComparison.Ordinal);

        var response = await DeliverAsync("deployment_status", body, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        await _server.FlushAsync();
        Assert.Equal(0UL, await _server.ClickHouse.QueryScalarAsync<ulong>("SELECT count() FROM deployments WHERE id = '999000111'"));
    }

    [Fact]
    public async Task SignedDelivery_NotShapedLikeItsEvent_Is400_NamingTheMissingField()
    {
        // A ping without GitHub's "hook" object, and a body that is not JSON at all.
        var missing = await DeliverSignedAsync("ping", "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}");
        var garbage = await DeliverSignedAsync("pull_request", "{not json");

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'hook'", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
    }

    [Fact]
    public async Task UnconfiguredSecret_RefusesDeliveries()
    {
        await using var bare = await InsightsTestServer.StartAsync();
        var body = WebhookSigning.Fixture("deployment_status.payload.json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", "deployment_status");
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + WebhookSigning.Hex(Secret, body));

        var response = await bare.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("INSIGHTS_GITHUB_WEBHOOK_SECRET", await response.Content.ReadAsStringAsync());
    }
}
