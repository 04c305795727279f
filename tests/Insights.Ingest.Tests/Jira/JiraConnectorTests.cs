using System.Text.Json;
using Insights.Ingest.Tests.Connectors;
using WireMock.Matchers;

namespace Insights.Ingest.Tests.Jira;

public sealed class JiraConnectorTests
{
    private static object Issue(string key, string created, string? resolved, string updated, string[] components, string[] labels, string statusCategory = "done", string type = "Incident") => new
    {
        id = key.GetHashCode(StringComparison.Ordinal).ToString(System.Globalization.CultureInfo.InvariantCulture),
        key,
        self = $"https://acme.atlassian.net/rest/api/3/issue/{key}",
        fields = new
        {
            summary = $"{key}: checkout is down",
            created,
            updated,
            resolutiondate = resolved,
            status = new { name = statusCategory == "done" ? "Done" : "In Progress", statusCategory = new { key = statusCategory } },
            priority = new { name = "High" },
            issuetype = new { name = type },
            components = components.Select(c => new { name = c }).ToArray(),
            labels,
        },
    };

    private static Task<ConnectorHarness> StartAsync(string flavor) => ConnectorHarness.StartAsync(url => new Dictionary<string, string?>
    {
        ["Sources:Jira:0:Name"] = "jira",
        ["Sources:Jira:0:BaseUrl"] = url,
        ["Sources:Jira:0:Flavor"] = flavor,
        ["Sources:Jira:0:Email"] = flavor == "cloud" ? "bot@acme.example" : null,
        ["Sources:Jira:0:TokenEnv"] = "TEST_TOKEN",
        ["Sources:Jira:0:IncidentsJql"] = "project = INC",
        ["Sources:Jira:0:ProvisioningJql"] = "project = INFRA",
        ["Sources:Jira:0:PageSize"] = "2",
    });

    [Fact]
    public async Task Cloud_PagesByToken_ThenAsksOnlyForWhatChanged_AndReRunsAddNothing()
    {
        await using var harness = await StartAsync("cloud");
        await harness.Server.PushAsync("services", new[] { new { name = "checkout", team = "payments", jira_component = "Checkout" } });
        await harness.Server.FlushAsync();
        var search = "/rest/api/3/search/jql";
        FakeJson.Serve(harness.Fake, r => r.WithPath(search).UsingPost().WithBody(new JsonPartialWildcardMatcher("{\"jql\":\"(project = INC)*\"}")).WithBody((string? b) => b is not null && !b.Contains("nextPageToken", StringComparison.Ordinal)),
            new { issues = new[] { Issue("INC-1", "2026-02-10T08:00:00.000+0000", "2026-02-10T10:30:00.000+0100", "2026-02-10T10:30:00.000+0100", ["Checkout"], []), Issue("INC-2", "2026-02-20T08:00:00.000+0000", null, "2026-02-20T09:00:00.000+0000", [], ["not-change-related", "checkout"]) }, nextPageToken = "page-2" });
        FakeJson.Serve(harness.Fake, r => r.WithPath(search).UsingPost().WithBody(new JsonPartialWildcardMatcher("{\"jql\":\"(project = INC)*\",\"nextPageToken\":\"page-2\"}")),
            new { issues = new[] { Issue("INC-3", "2026-03-01T08:00:00.000+0000", "2026-03-01T09:00:00.000+0000", "2026-03-01T09:00:00.000+0000", ["Search"], []) } });
        FakeJson.Serve(harness.Fake, r => r.WithPath(search).UsingPost().WithBody(new JsonPartialWildcardMatcher("{\"jql\":\"(project = INFRA)*\"}")),
            new { issues = new[] { Issue("INFRA-7", "2026-02-01T08:00:00.000+0000", "2026-02-03T08:00:00.000+0000", "2026-02-03T08:00:00.000+0000", ["Checkout"], [], type: "Database request"), Issue("INFRA-8", "2026-02-25T08:00:00.000+0000", null, "2026-02-25T08:00:00.000+0000", ["payments"], [], "indeterminate", "Bucket request") } });

        var first = await harness.SyncAsync("jira");

        Assert.Equal(5, first.Rows);
        var incidents = (await harness.RowsAsync("incidents")).ToDictionary(i => i["id"].GetString()!);
        Assert.Equal("checkout", incidents["INC-1"]["service"].GetString());
        Assert.Equal("2026-02-10 09:30:00", incidents["INC-1"]["resolved_at"].GetString());
        Assert.Equal(0, incidents["INC-2"]["change_related"].GetInt32());
        Assert.Equal("checkout", incidents["INC-2"]["service"].GetString());
        Assert.Equal("Search", incidents["INC-3"]["service"].GetString());
        var requests = (await harness.RowsAsync("provisioning_requests")).ToDictionary(r => r["id"].GetString()!);
        Assert.Equal("ticket", requests["INFRA-7"]["channel"].GetString());
        Assert.Equal("2026-02-03 08:00:00", requests["INFRA-7"]["ready_at"].GetString());
        Assert.Equal(JsonValueKind.Null, requests["INFRA-8"]["ready_at"].ValueKind);
        Assert.Equal("payments", requests["INFRA-8"]["team"].GetString());
        var firstJql = harness.Requests(search).Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement).ToList();
        Assert.All(firstJql, b => Assert.Equal(JiraFields, b.GetProperty("fields").EnumerateArray().Select(f => f.GetString()).ToArray()));
        Assert.Contains(firstJql, b => b.GetProperty("jql").GetString() == "(project = INC) AND updated >= \"2025-12-02 12:00\" ORDER BY updated ASC");

        harness.ForgetRequests();
        await harness.SyncAsync("jira");

        // The second run asks from the last update seen (minus a day for Jira's time zones), not from the beginning.
        var secondJql = harness.Requests(search).Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.GetProperty("jql").GetString()).ToList();
        Assert.Contains("(project = INC) AND updated >= \"2026-02-28 09:00\" ORDER BY updated ASC", secondJql);
        Assert.Contains("(project = INFRA) AND updated >= \"2026-02-24 08:00\" ORDER BY updated ASC", secondJql);
        Assert.Equal(3, (int)await harness.PhysicalRowsAsync("incidents"));
        Assert.Equal(2, (int)await harness.PhysicalRowsAsync("provisioning_requests"));
    }

    private static readonly string[] JiraFields = ["summary", "created", "updated", "resolutiondate", "resolution", "status", "priority", "issuetype", "components", "labels"];

    [Fact]
    public async Task DataCenter_PagesByStartAt_AdvancingByWhatTheServerReturned()
    {
        await using var harness = await StartAsync("data_center");
        var issues = Enumerable.Range(1, 3).Select(i => Issue($"INC-{i}", $"2026-02-0{i}T08:00:00.000+0000", null, $"2026-02-0{i}T08:00:00.000+0000", ["core"], [])).ToArray();
        // The server caps maxResults at 1 whatever we ask for: the client must step by 1.
        for (var start = 0; start < 3; start++)
        {
            var at = start;
            FakeJson.Serve(harness.Fake, r => r.WithPath("/rest/api/2/search").UsingGet().WithParam("startAt", at.ToString(System.Globalization.CultureInfo.InvariantCulture)).WithParam("jql", new WildcardMatcher("(project = INC)*")),
                new { startAt = at, maxResults = 1, total = 3, issues = new[] { issues[at] } });
        }

        FakeJson.Serve(harness.Fake, r => r.WithPath("/rest/api/2/search").UsingGet().WithParam("jql", new WildcardMatcher("(project = INFRA)*")),
            new { startAt = 0, maxResults = 2, total = 0, issues = Array.Empty<object>() });

        var result = await harness.SyncAsync("jira");

        Assert.Equal(3, result.Rows);
        Assert.Equal(["0", "1", "2"], harness.Requests("/rest/api/2/search").Where(e => e.RequestMessage.Query!["jql"].ToString().Contains("INC", StringComparison.Ordinal)).Select(e => e.RequestMessage.Query!["startAt"].ToString()).Order());
        Assert.All(harness.Requests("/rest/api/2/search"), e => Assert.Equal("Bearer s3cr3t-token", e.RequestMessage.Headers!["Authorization"].ToString()));
    }

    [Fact]
    public async Task ServerError_LeavesTheCursorWhereItWas()
    {
        await using var harness = await StartAsync("cloud");
        FakeJson.Serve(harness.Fake, r => r.WithPath("/rest/api/3/search/jql").UsingPost(), new { errorMessages = new[] { "Internal server error" } }, status: 500);

        await Assert.ThrowsAnyAsync<Exception>(() => harness.SyncAsync("jira"));

        var state = await harness.StateAsync("jira");
        Assert.Null(state!.Cursor);
        Assert.Contains("500", state.LastError);
    }
}
