using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Insights.TestSupport;
using Insights.Warehouse.ClickHouse;

namespace Insights.Server.Tests.Apis;

[Trait("Warehouse", "Both")]
public sealed class IngestApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InsightsTestServer Server => fixture.Server;

    private static string Unique(string prefix) => TestServices.UniqueName(prefix);

    /// <summary>The latest copy of each event, the way metric queries read the tables.</summary>
    private async Task<List<Dictionary<string, JsonElement>>> LatestAsync(string table, string keyColumn, string filter)
    {
        await Server.FlushAsync();
        return await Server.ClickHouse.QueryAsync<Dictionary<string, JsonElement>>(
            $"SELECT * FROM {table} WHERE {filter} ORDER BY _version DESC LIMIT 1 BY source, {keyColumn}");
    }

    private async Task<ulong> RawCountAsync(string table, string filter)
    {
        await Server.FlushAsync();
        return await Server.ClickHouse.QueryScalarAsync<ulong>($"SELECT count() FROM {table} FINAL WHERE {filter}");
    }

    public static TheoryData<string, string, string, string> EveryKind => new()
    {
        { "deployments", "deployments", "id", """{"id":"ID","service":"SVC","environment":"production","status":"success","finished_at":"2026-03-02T14:05:00Z","commits":["a1","b2"],"golden_path":true}""" },
        { "incidents", "incidents", "id", """{"id":"ID","service":"SVC","title":"Down","started_at":"2026-03-02T14:05:00Z","resolved_at":"2026-03-02T15:05:00Z","deployment_id":"d-1"}""" },
        { "pull-requests", "pull_requests", "id", """{"repository":"acme/SVC","number":7,"author":"ana","created_at":"2026-03-01T10:00:00Z","merged_at":"2026-03-02T10:00:00Z","merge_commit_sha":"ID"}""" },
        { "engineers", "engineers", "id", """{"id":"ID","start_date":"2026-02-02","team":"SVC","github_login":"ana"}""" },
        { "provisioning-requests", "provisioning_requests", "id", """{"id":"ID","resource_type":"db","requested_at":"2026-03-02T14:05:00Z","channel":"ticket","team":"SVC"}""" },
        { "services", "services", "name", """{"name":"ID","team":"SVC","production_environments":["prod-eu","prod-us"],"system":"checkout","domain":"commerce"}""" },
        { "teams", "teams", "name", """{"name":"ID","display_name":"Team SVC","parent":"SVC"}""" },
    };

    [Fact]
    public async Task PushedTeamsAndSystems_ShowInTheCatalog_AndFilterIt()
    {
        var (team, other, system, domain) = (Unique("team"), Unique("team"), Unique("system"), Unique("domain"));
        var (inSystem, elsewhere) = (Unique("svc"), Unique("svc"));
        await Server.PushAsync("services", new object[]
        {
            new { name = inSystem, team, system, domain },
            new { name = elsewhere, team = other, system = "other-system", domain },
        });
        await Server.PushAsync("teams", new[] { new { name = team, display_name = "Payments Platform", parent = "engineering" } });
        await Server.FlushAsync();

        var services = await Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/services?system={system}");
        var byDomain = await Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/services?domain={domain}&team={other}");
        var teams = await Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/teams?domain={domain}");

        var service = Assert.Single(services.EnumerateArray());
        Assert.Equal(inSystem, service.GetProperty("name").GetString());
        Assert.Equal(domain, service.GetProperty("domain").GetString());
        Assert.Equal([elsewhere], byDomain.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        var owning = teams.EnumerateArray().ToDictionary(t => t.GetProperty("team").GetString()!);
        Assert.Equal(new[] { other, team }.Order(StringComparer.Ordinal), owning.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Payments Platform", owning[team].GetProperty("display_name").GetString());
        Assert.Equal("engineering", owning[team].GetProperty("parent").GetString());
        Assert.Equal(JsonValueKind.Null, owning[other].GetProperty("parent").ValueKind);
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public async Task Push_StoresTheItem_AndASecondCopyReplacesTheFirst(string route, string table, string keyColumn, string template)
    {
        var id = Unique("id");
        var svc = Unique("svc");
        var item = template.Replace("ID", id, StringComparison.Ordinal).Replace("SVC", svc, StringComparison.Ordinal);

        var first = await Server.Client.PostAsync($"/api/v1/{route}", new StringContent($"[{item}]", Encoding.UTF8, "application/json"));
        var second = await Server.Client.PostAsync($"/api/v1/{route}", new StringContent($"[{item}]", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var answer = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        Assert.Empty(answer.GetProperty("rejected").EnumerateArray());
        var filter = route == "pull-requests" ? $"merge_commit_sha = {SqlLiteral.String(id)}" : $"{keyColumn} = {SqlLiteral.String(id)}";
        var rows = await LatestAsync(table, keyColumn, filter);
        Assert.Single(rows);
        Assert.Equal(1UL, await RawCountAsync(table, filter));
        Assert.Equal("api", rows[0]["source"].GetString());
    }

    [Fact]
    public async Task InProgressDeployment_LaterSentAsSuccess_LeavesOneRowWithTheLatestContent()
    {
        var id = Unique("dep");
        await Server.PushAsync("deployments", new[] { new { id, service = "checkout", environment = "production", status = "in_progress" } });
        await Server.FlushAsync();
        await Server.PushAsync("deployments", new[] { new { id, service = "checkout", environment = "production", status = "success", finished_at = "2026-03-02T14:05:00Z" } });

        var rows = await LatestAsync("deployments", "id", $"id = {SqlLiteral.String(id)}");

        var row = Assert.Single(rows);
        Assert.Equal("success", row["status"].GetString());
        Assert.Equal("2026-03-02 14:05:00", row["finished_at"].GetString());
        // The in-progress copy had no time of its own and sits in another partition; argMax reads still see one event.
        var latest = await Server.ClickHouse.QueryScalarAsync<ulong>(
            $"SELECT count() FROM (SELECT id, argMax(status, _version) AS status FROM deployments WHERE id = {SqlLiteral.String(id)} GROUP BY source, id)");
        Assert.Equal(1UL, latest);
    }

    [Fact]
    public async Task Batch_WithInvalidItems_StoresTheValidOnes_AndNamesEachRejectedIndexAndField()
    {
        var service = Unique("svc");
        var body = $$"""
            [
              {"id":"{{service}}-0","service":"{{service}}","environment":"production","status":"success","finished_at":"2026-03-02T14:05:00Z"},
              {"id":"{{service}}-1","service":"{{service}}","environment":"production","status":"shipped","finished_at":"2026-03-02T14:05:00Z"},
              {"id":"{{service}}-2","service":"{{service}}","environment":"production","status":"success","finished_at":"2026-03-02T14:05:00Z"},
              {"id":"{{service}}-3","service":"{{service}}","environment":"production","status":"success"},
              "not an object"
            ]
            """;

        var response = await Server.Client.PostAsync("/api/v1/deployments", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        var rejected = answer.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([1, 3, 4], rejected.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal("must be one of 'success', 'failure', 'cancelled', 'in_progress'; got 'shipped'.", rejected[0].GetProperty("errors").GetProperty("status")[0].GetString());
        Assert.Equal("is required when status is 'success'.", rejected[1].GetProperty("errors").GetProperty("finished_at")[0].GetString());
        Assert.Equal("must be a JSON object, not a string.", rejected[2].GetProperty("errors").GetProperty("$")[0].GetString());
        var stored = await LatestAsync("deployments", "id", $"service = {SqlLiteral.String(service)}");
        Assert.Equal([$"{service}-0", $"{service}-2"], stored.Select(r => r["id"].GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Batch_WithOnlyInvalidItems_IsA400ProblemListingThem()
    {
        var response = await Server.Client.PostAsync("/api/v1/incidents", new StringContent("""[{"id":"x"}]""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, problem.GetProperty("accepted").GetInt32());
        var errors = problem.GetProperty("rejected")[0].GetProperty("errors");
        Assert.Equal(["service", "started_at", "title"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["[0].service", "[0].started_at", "[0].title"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("application/json", "[{\"id\": ", "Malformed JSON")]
    [InlineData("application/json", "\"just text\"", "Bad request")]
    [InlineData("text/csv", "id,start_date\r\n\"unclosed,2026-03-02\r\n", "Bad request")]
    public async Task ABodyThatIsNotItems_IsA400WhoseErrorsNameTheWholeBody(string contentType, string body, string title)
    {
        var response = await Server.Client.PostAsync("/api/v1/engineers", new StringContent(body, Encoding.UTF8, contentType));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(problem.GetProperty("detail").GetString(), problem.GetProperty("errors").GetProperty("$")[0].GetString());
    }

    [Theory]
    [InlineData("application/x-ndjson")]
    [InlineData("application/ndjson")]
    [InlineData("application/jsonl")]
    [InlineData("application/x-jsonlines")]
    public async Task NdJson_IsAccepted_AndABadLineRejectsOnlyItself(string contentType)
    {
        var id = Unique("inc");
        var body = $$"""
            {"id":"{{id}}-a","service":"s","title":"t","started_at":"2026-03-02T14:05:00Z"}
            {"id": broken
            {"id":"{{id}}-b","service":"s","title":"t","started_at":"2026-03-02T14:05:00Z"}
            """;

        var response = await Server.Client.PostAsync("/api/v1/incidents", new StringContent(body, Encoding.UTF8, contentType));

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(1, answer.GetProperty("rejected")[0].GetProperty("index").GetInt32());
        Assert.StartsWith("line 2 is not valid JSON", answer.GetProperty("rejected")[0].GetProperty("errors").GetProperty("$")[0].GetString());
    }

    [Fact]
    public async Task EngineersCsv_IsAccepted()
    {
        var team = Unique("team");
        var csv = $"id,start_date,team,github_login,name\r\nana@x.example,2026-02-02,{team},ana,\"Lopez, Ana\"\r\nbo@x.example,02/02/2026,{team},bo,Bo\r\n";

        var response = await Server.Client.PostAsync("/api/v1/engineers", new StringContent(csv, Encoding.UTF8, "text/csv"));

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(1, answer.GetProperty("rejected")[0].GetProperty("index").GetInt32());
        var rows = await LatestAsync("engineers", "id", $"team = {SqlLiteral.String(team)}");
        Assert.Equal("Lopez, Ana", Assert.Single(rows)["name"].GetString());
    }

    [Fact]
    public async Task MalformedJson_Is400()
    {
        var response = await Server.Client.PostAsync("/api/v1/deployments", new StringContent("[{\"id\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Malformed JSON", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task MoreThanTenThousandItems_Is413()
    {
        var body = "[" + string.Join(",", Enumerable.Repeat("{}", 10_001)) + "]";

        var response = await Server.Client.PostAsync("/api/v1/deployments", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 10000", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task BodyOverTheByteLimit_Is413()
    {
        var body = new string(' ', 70 << 20);
        // With Expect: 100-continue the server can refuse before the client sends 70 MB it would drop anyway.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/deployments") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;

        var response = await Server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task WrongContentType_Is415(string contentType)
    {
        var response = await Server.Client.PostAsync("/api/v1/deployments", new StringContent("[]", Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task UnknownKind_Is404_NamingTheKnownOnes()
    {
        var response = await Server.Client.PostAsync("/api/v1/widgets", new StringContent("[]", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("pull-requests", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Push_WithoutAKey_Is401_AndWithAReadKey_Is403()
    {
        var create = await Server.Client.PostAsJsonAsync("/api/v1/keys", new { name = "reader", scopes = new[] { "read" } });
        var reader = Server.CreateClient((await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());

        var anonymous = await Server.Anonymous.PostAsync("/api/v1/deployments", new StringContent("[]", Encoding.UTF8, "application/json"));
        var wrongKey = await Server.CreateClient("pik_not-a-real-key").PostAsync("/api/v1/deployments", new StringContent("[]", Encoding.UTF8, "application/json"));
        var forbidden = await reader.PostAsync("/api/v1/deployments", new StringContent("[]", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("lacks the 'ingest' scope", await forbidden.Content.ReadAsStringAsync());
    }
}
