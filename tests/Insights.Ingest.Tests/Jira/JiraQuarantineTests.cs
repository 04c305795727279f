using System.Net.Http.Json;
using System.Text.Json;
using Insights.Ingest.Tests.Connectors;
using WireMock.Matchers;

namespace Insights.Ingest.Tests.Jira;

/// <summary>
/// Issues a mapper cannot read or validate go to the quarantine while the rest of the sync lands and its
/// cursor moves; they are read again by key on later runs and leave the quarantine once Jira's copy is valid.
/// Won't Do tickets are cancelled, a custom field gives the severity, one failing query leaves the other to sync.
/// </summary>
public sealed class JiraQuarantineTests
{
    private const string Search = "/rest/api/3/search/jql";

    /// <summary>An issue as Jira Cloud's search returns it with the fields we ask for.</summary>
    private static Dictionary<string, object?> Issue(string key, string? created, string? resolved, string updated, string component = "Checkout", string statusCategory = "done", string? resolution = "Done", string type = "Incident") => new()
    {
        ["expand"] = "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
        ["id"] = (10_000 + int.Parse(key.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["key"] = key,
        ["self"] = $"https://acme.atlassian.net/rest/api/3/issue/{key}",
        ["fields"] = new Dictionary<string, object?>
        {
            ["summary"] = $"{key}: payments are failing",
            ["created"] = created,
            ["updated"] = updated,
            ["resolutiondate"] = resolved,
            ["resolution"] = resolution is null ? null : new { self = "https://acme.atlassian.net/rest/api/3/resolution/10000", id = "10000", description = "Work has been completed on this issue.", name = resolution },
            ["status"] = new { self = "https://acme.atlassian.net/rest/api/3/status/10001", name = statusCategory == "done" ? "Done" : "In Progress", id = "10001", statusCategory = new { self = "https://acme.atlassian.net/rest/api/3/statuscategory/3", id = 3, key = statusCategory, colorName = "green", name = "Done" } },
            ["priority"] = new { self = "https://acme.atlassian.net/rest/api/3/priority/2", iconUrl = "https://acme.atlassian.net/images/icons/priorities/high.svg", name = "High", id = "2" },
            ["issuetype"] = new { self = "https://acme.atlassian.net/rest/api/3/issuetype/10004", id = "10004", description = "", name = type, subtask = false },
            ["components"] = new[] { new { self = "https://acme.atlassian.net/rest/api/3/component/10000", id = "10000", name = component } },
            ["labels"] = Array.Empty<string>(),
        },
    };

    /// <summary>
    /// The issue of Atlassian's own search/jql response example, in its shape: fields it was not asked for
    /// (a description in Atlassian document format, the project, watchers), an <c>updated</c> given as a
    /// number, and no <c>created</c> at all.
    /// </summary>
    private static object AtlassianExampleIssue(string key) => new
    {
        expand = "",
        id = "10002",
        key,
        self = "https://acme.atlassian.net/rest/api/3/issue/10002",
        fields = new
        {
            description = new { type = "doc", version = 1, content = new[] { new { type = "paragraph", content = new[] { new { type = "text", text = "Main order flow broken" } } } } },
            project = new { avatarUrls = new Dictionary<string, string> { ["16x16"] = "https://acme.atlassian.net/secure/projectavatar?size=xsmall&pid=10000" }, id = "10000", key = "INC", name = "Incidents", self = "https://acme.atlassian.net/rest/api/3/project/INC", simplified = false },
            watcher = new { isWatching = false, self = $"https://acme.atlassian.net/rest/api/3/issue/{key}/watchers", watchCount = 1 },
            updated = 1,
        },
    };

    private static Task<ConnectorHarness> StartAsync(params (string Key, string Value)[] extra)
    {
        return ConnectorHarness.StartAsync(url =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["Sources:Jira:0:Name"] = "jira",
                ["Sources:Jira:0:BaseUrl"] = url,
                ["Sources:Jira:0:Email"] = "bot@acme.example",
                ["Sources:Jira:0:TokenEnv"] = "TEST_TOKEN",
                ["Sources:Jira:0:IncidentsJql"] = "project = INC",
                ["Sources:Jira:0:ProvisioningJql"] = "project = INFRA",
            };
            foreach (var (key, value) in extra)
            {
                settings["Sources:Jira:0:" + key] = value;
            }

            return settings;
        });
    }

    private static void ServeSearch(ConnectorHarness harness, string project, object[] issues, int priority = 10) =>
        FakeJson.Serve(harness.Fake, r => r.WithPath(Search).UsingPost().WithBody(new JsonPartialWildcardMatcher($"{{\"jql\":\"(project = {project})*\"}}")),
            new { issues, isLast = true }, priority: priority);

    private static async Task<JsonElement> StatusAsync(ConnectorHarness harness, string name = "jira") =>
        await harness.Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/connectors/{name}");

    [Fact]
    public async Task UnreadableIssues_AreQuarantined_TheRestLands_AndTheyLeaveOnceJiraHasFixedThem()
    {
        await using var harness = await StartAsync();
        await harness.Server.PushAsync("services", new[] { new { name = "checkout", team = "payments", jira_component = "Checkout" } });
        await harness.Server.FlushAsync();
        ServeSearch(harness, "INC", [
            Issue("INC-1", "2026-02-10T08:00:00.000+0000", "2026-02-10T10:00:00.000+0000", "2026-02-10T10:00:00.000+0000"),
            AtlassianExampleIssue("INC-2"),
            // Jira's importers allow an issue resolved before it was created.
            Issue("INC-3", "2026-02-12T08:00:00.000+0000", "2026-02-11T08:00:00.000+0000", "2026-02-12T09:00:00.000+0000"),
            Issue("INC-4", "2026-02-20T08:00:00.000+0000", null, "2026-02-20T09:00:00.000+0000", statusCategory: "indeterminate", resolution: null),
        ]);
        ServeSearch(harness, "INFRA", []);

        var first = await harness.SyncAsync("jira");

        // The two readable issues landed, the run succeeded and the cursor moved past all four.
        Assert.Equal(2, first.Rows);
        Assert.Equal(["INC-1", "INC-4"], (await harness.RowsAsync("incidents")).Select(i => i["id"].GetString()).Order());
        var state = await harness.StateAsync("jira");
        Assert.Null(state!.LastError);
        Assert.Contains("\"Incidents\":\"2026-02-20T09:00:00", state.Cursor);

        var status = await StatusAsync(harness);
        Assert.Equal(2, status.GetProperty("quarantined").GetInt32());
        var held = status.GetProperty("quarantine").EnumerateArray().ToDictionary(q => q.GetProperty("key").GetString()!);
        Assert.Equal("incidents", held["INC-2"].GetProperty("kind").GetString());
        Assert.Equal("fields.created", held["INC-2"].GetProperty("field").GetString());
        Assert.Equal("is missing.", held["INC-2"].GetProperty("reason").GetString());
        Assert.Contains("Main order flow broken", held["INC-2"].GetProperty("raw").GetString());
        Assert.Equal("fields.resolutiondate", held["INC-3"].GetProperty("field").GetString());
        Assert.Equal("resolved_at (fields.resolutiondate) is before started_at.", held["INC-3"].GetProperty("reason").GetString());
        Assert.All(held.Values, q => Assert.DoesNotContain("s3cr3t-token", q.GetProperty("raw").GetString()));
        Assert.All(held.Values, q => Assert.Equal(1, q.GetProperty("attempts").GetInt32()));

        var list = await harness.Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/connectors/jira/quarantine?limit=1");
        Assert.Equal(2, list.GetProperty("count").GetInt32());
        Assert.Single(list.GetProperty("items").EnumerateArray());

        // An hour later someone gave INC-2 its creation time; INC-3 is still wrong. Nothing new was updated.
        harness.Clock.Advance(TimeSpan.FromHours(1));
        harness.Fake.Reset();
        harness.ForgetRequests();
        ServeSearch(harness, "INC", []);
        ServeSearch(harness, "INFRA", []);
        FakeJson.Serve(harness.Fake, r => r.WithPath("/rest/api/3/issue/INC-2").UsingGet(),
            Issue("INC-2", "2026-02-15T08:00:00.000+0000", "2026-02-15T09:00:00.000+0000", "2026-03-02T12:30:00.000+0000"));
        FakeJson.Serve(harness.Fake, r => r.WithPath("/rest/api/3/issue/INC-3").UsingGet(),
            Issue("INC-3", "2026-02-12T08:00:00.000+0000", "2026-02-11T08:00:00.000+0000", "2026-02-12T09:00:00.000+0000"));

        var second = await harness.SyncAsync("jira");

        Assert.Equal(1, second.Rows);
        var again = harness.Requests("/rest/api/3/issue/").Select(e => e.RequestMessage).ToList();
        Assert.Equal(["/rest/api/3/issue/INC-2", "/rest/api/3/issue/INC-3"], again.Select(r => r.Path).Order());
        Assert.All(again, r => Assert.Contains("created", r.Query!["fields"].ToString(), StringComparison.Ordinal));
        var incidents = (await harness.RowsAsync("incidents")).ToDictionary(i => i["id"].GetString()!);
        Assert.Equal("2026-02-15 08:00:00", incidents["INC-2"]["started_at"].GetString());
        Assert.Equal("checkout", incidents["INC-2"]["service"].GetString());
        status = await StatusAsync(harness);
        Assert.Equal(1, status.GetProperty("quarantined").GetInt32());
        var left = Assert.Single(status.GetProperty("quarantine").EnumerateArray());
        Assert.Equal("INC-3", left.GetProperty("key").GetString());
        Assert.Equal(2, left.GetProperty("attempts").GetInt32());

        // Re-running changes nothing: INC-2 is not read again, and nothing is written twice.
        harness.ForgetRequests();
        await harness.SyncAsync("jira");
        Assert.DoesNotContain(harness.Requests("/rest/api/3/issue/"), e => e.RequestMessage.Path.EndsWith("INC-2", StringComparison.Ordinal));
        Assert.Equal(3, (int)await harness.PhysicalRowsAsync("incidents"));
    }

    [Fact]
    public async Task WontDoTickets_AreCancelled_NotReady_AndTheSeverityComesFromTheConfiguredField()
    {
        await using var harness = await StartAsync(("SeverityField", "customfield_10042"));
        var incident = Issue("INC-9", "2026-02-10T08:00:00.000+0000", "2026-02-10T09:00:00.000+0000", "2026-02-10T09:00:00.000+0000");
        ((Dictionary<string, object?>)incident["fields"]!)["customfield_10042"] = new { self = "https://acme.atlassian.net/rest/api/3/customFieldOption/10021", value = "Sev 2", id = "10021" };
        ServeSearch(harness, "INC", [incident]);
        ServeSearch(harness, "INFRA", [
            Issue("INFRA-1", "2026-02-01T08:00:00.000+0000", "2026-02-03T08:00:00.000+0000", "2026-02-03T08:00:00.000+0000", resolution: "Won't Do", type: "Database request"),
            Issue("INFRA-2", "2026-02-01T08:00:00.000+0000", "2026-02-02T08:00:00.000+0000", "2026-02-02T08:00:00.000+0000", resolution: "Done", type: "Database request"),
            Issue("INFRA-3", "2026-02-04T08:00:00.000+0000", "2026-02-05T08:00:00.000+0000", "2026-02-05T08:00:00.000+0000", resolution: "Duplicate", type: "Bucket request"),
        ]);

        await harness.SyncAsync("jira");

        var requests = (await harness.RowsAsync("provisioning_requests")).ToDictionary(r => r["id"].GetString()!);
        Assert.Equal("cancelled", requests["INFRA-1"]["status"].GetString());
        Assert.Equal(JsonValueKind.Null, requests["INFRA-1"]["ready_at"].ValueKind);
        Assert.Equal("cancelled", requests["INFRA-3"]["status"].GetString());
        Assert.Equal("Done", requests["INFRA-2"]["status"].GetString());
        Assert.Equal("2026-02-02 08:00:00", requests["INFRA-2"]["ready_at"].GetString());
        var stored = Assert.Single(await harness.RowsAsync("incidents"));
        Assert.Equal("Sev 2", stored["severity"].GetString());
        Assert.Equal($"{harness.Fake.Url}/browse/INC-9", stored["url"].GetString());
        Assert.All(harness.Requests(Search), e => Assert.Contains("customfield_10042", e.RequestMessage.Body, StringComparison.Ordinal));

        // Provisioning time counts the one ticket made ready; the cancelled ones are neither ready nor pending.
        var metric = await harness.Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/metrics/provisioning-time?from=2026-01-26&to=2026-03-02");
        Assert.Equal(1, metric.GetProperty("summary").GetProperty("n").GetInt32());
        Assert.Equal(0, metric.GetProperty("summary").GetProperty("pending").GetInt32());
    }

    [Fact]
    public async Task AFailingQuery_RecordsItsOwnError_AndTheOtherQueryStillSyncs()
    {
        await using var harness = await StartAsync();
        FakeJson.Serve(harness.Fake, r => r.WithPath(Search).UsingPost().WithBody(new JsonPartialWildcardMatcher("{\"jql\":\"(project = INC)*\"}")),
            new { errorMessages = new[] { "The value 'INC' does not exist for the field 'project'." }, errors = new { } }, status: 400);
        ServeSearch(harness, "INFRA", [Issue("INFRA-1", "2026-02-01T08:00:00.000+0000", "2026-02-02T08:00:00.000+0000", "2026-02-02T08:00:00.000+0000", type: "Database request")]);

        var result = await harness.SyncAsync("jira");

        Assert.Equal(1, result.Rows);
        var status = await StatusAsync(harness);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("last_error").ValueKind);
        var failing = Assert.Single(status.GetProperty("failing_parts").EnumerateArray());
        Assert.Equal("incidents (project = INC)", failing.GetProperty("part").GetString());
        Assert.Contains("400", failing.GetProperty("error").GetString());
        Assert.Contains("does not exist for the field 'project'", failing.GetProperty("error").GetString());
        Assert.Equal(1, failing.GetProperty("failures").GetInt32());
        var cursor = JsonDocument.Parse((await harness.StateAsync("jira"))!.Cursor!).RootElement;
        Assert.Equal("2026-02-02T08:00:00Z", cursor.GetProperty("Provisioning").GetString());

        // Fixed in Jira: the next run syncs both and the failing part is gone from the status.
        harness.Clock.Advance(TimeSpan.FromHours(1));
        ServeSearch(harness, "INC", [Issue("INC-1", "2026-02-10T08:00:00.000+0000", null, "2026-02-10T08:00:00.000+0000", statusCategory: "indeterminate", resolution: null)], priority: 1);
        await harness.SyncAsync("jira");
        status = await StatusAsync(harness);
        Assert.Empty(status.GetProperty("failing_parts").EnumerateArray());
        Assert.Single(await harness.RowsAsync("incidents"));
    }
}
