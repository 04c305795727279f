using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Insights.Domain.Csv;
using Insights.TestSupport;

namespace Insights.Server.Tests.Metrics;

/// <summary>
/// GET /api/v1/metrics/{metric}/items as a client meets it, over the golden dataset: bad parameters are
/// problems naming the field, a cursor is opaque and tamper-proof and works on any instance sharing the
/// database, the CSV export holds exactly the rows of the JSON pages, and a filter that names no known
/// team or service is refused everywhere with the closest names.
/// </summary>
public sealed class MetricItemsApiTests(GoldenFixture golden) : IClassFixture<GoldenFixture>
{
    private const string Range = $"from={GoldenDataset.From}&to={GoldenDataset.To}";

    public static TheoryData<string, string> BadParameters => new()
    {
        { "counted=maybe", "counted" },
        { "limit=0", "limit" },
        { "limit=1001", "limit" },
        { "limit=ten", "limit" },
        { "period=2026-03-03", "period" },   // a Tuesday: no weekly period starts then
        { "period=2026-04-06", "period" },   // a Monday after the range
        { "period=March", "period" },
        { "cursor=not-a-cursor", "cursor" },
        { "interval=fortnight", "interval" },
    };

    [Theory]
    [MemberData(nameof(BadParameters))]
    public async Task BadParameter_IsAProblemNamingIt(string parameter, string field)
    {
        var (status, problem) = await GetAsync($"/api/v1/metrics/lead-time/items?{Range}&{parameter}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{parameter}: {problem}");
    }

    [Fact]
    public async Task TamperedOrForeignCursor_IsRefused_AndTheNextPageFollowsTheFirst()
    {
        var first = await OkAsync($"/api/v1/metrics/deployment-frequency/items?{Range}&limit=5");
        var cursor = first.GetProperty("next_cursor").GetString()!;
        var second = await OkAsync($"/api/v1/metrics/deployment-frequency/items?{Range}&limit=5&cursor={Uri.EscapeDataString(cursor)}");
        var all = await OkAsync($"/api/v1/metrics/deployment-frequency/items?{Range}&limit=10");
        Assert.Equal(Ids(all), Ids(first).Concat(Ids(second)));

        // Change one character of the signed part: the signature no longer matches.
        var tampered = (cursor[3] == 'A' ? "B" : "A") is var c ? cursor[..3] + c + cursor[4..] : cursor;
        var (status, problem) = await GetAsync($"/api/v1/metrics/deployment-frequency/items?{Range}&limit=5&cursor={Uri.EscapeDataString(tampered)}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("not a cursor this server issued", problem.GetProperty("errors").GetProperty("cursor")[0].GetString(), StringComparison.Ordinal);

        // A genuine cursor of another question: another metric, another team, another counted.
        foreach (var other in new[] { $"/api/v1/metrics/adoption-rate/items?{Range}", $"/api/v1/metrics/deployment-frequency/items?{Range}&team=red", $"/api/v1/metrics/deployment-frequency/items?{Range}&counted=true" })
        {
            (status, problem) = await GetAsync($"{other}&cursor={Uri.EscapeDataString(cursor)}");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("belongs to another question", problem.GetProperty("errors").GetProperty("cursor")[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Cursor_IssuedByOneInstance_IsAcceptedByAnotherOnTheSameDatabase()
    {
        var spool = Path.Combine(Path.GetTempPath(), "insights-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using var other = await InsightsTestServer.StartAsync(new Dictionary<string, string?> { ["Spool:Path"] = spool }, reuse: golden.Server);
            var first = await OkAsync($"/api/v1/metrics/deployment-frequency/items?{Range}&limit=5");
            var cursor = Uri.EscapeDataString(first.GetProperty("next_cursor").GetString()!);

            using var response = await other.Client.GetAsync($"/api/v1/metrics/deployment-frequency/items?{Range}&limit=5&cursor={cursor}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            var second = await OkAsync($"/api/v1/metrics/deployment-frequency/items?{Range}&limit=5&cursor={cursor}");
            Assert.Equal(Ids(second), Ids(JsonDocument.Parse(body).RootElement));
        }
        finally
        {
            // The second server is stopped by now (await using ends with the try block).
            if (Directory.Exists(spool))
            {
                Directory.Delete(spool, recursive: true);
            }
        }
    }

    [Fact]
    public async Task CsvExport_HoldsEveryRowOfTheJsonPages_InTheirOrder()
    {
        var json = await golden.ItemsAsync("lead-time");
        using var byPath = await golden.Server.Client.GetAsync($"/api/v1/metrics/lead-time/items.csv?{Range}&limit=3");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/metrics/lead-time/items?{Range}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var byAccept = await golden.Server.Client.SendAsync(request);

        foreach (var response in new[] { byPath, byAccept })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            var records = CsvTable.Read(new StringReader(text)).Select(r => r.Values ?? throw new InvalidOperationException(r.Error)).ToList();
            Assert.Equal(json.Count, records.Count);
            Assert.Equal(json.Select(i => i.GetProperty("id").GetString()), records.Select(r => r["id"]));
            Assert.StartsWith("kind,id,source,service,team,at,counted,value,reason,explanation,author,deployment_id,", text, StringComparison.Ordinal);
            var a1 = records.Single(r => r["id"] == "acme/alpha#1");
            Assert.Equal(("false", "", "cold_start", "2026-03-02T10:00:00Z"), (a1["counted"], a1["value"], a1["reason"], a1["deployed_at"]));
            Assert.Equal("144", records.Single(r => r["id"] == "acme/alpha#2")["value"]);
        }
    }

    [Fact]
    public async Task CsvExport_OfASuppressedGroup_IsForbidden_AndOfSurveyAnswersToo()
    {
        var (status, problem) = await GetAsync($"/api/v1/metrics/onboarding-time/items.csv?{Range}&team=red");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("fewer than 5", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        (status, _) = await GetAsync($"/api/v1/metrics/nps/items.csv?{Range}");
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    public static TheoryData<string, string, string> UnknownNames => new()
    {
        { $"/api/v1/metrics/lead-time?{Range}&team=Red", "team", "did you mean 'red'?" },
        { $"/api/v1/metrics/lead-time/items?{Range}&service=alpah", "service", "did you mean 'alpha'?" },
        { $"/api/v1/metrics/change-failure-rate/series?{Range}&team=bleu", "team", "did you mean 'blue'?" },
        { $"/api/v1/metrics/change-failure-rate/series.csv?{Range}&team=bleu", "team", "did you mean 'blue'?" },
        { $"/api/v1/metrics/provisioning-time/items.csv?{Range}&team=reds", "team", "did you mean 'red'?" },
        { $"/api/v1/dora?{Range}&service=betta", "service", "did you mean 'beta'?" },
        { "/api/v1/impact?team=gren", "team", "did you mean 'red'?" },
        { $"/api/v1/metrics/deployment-frequency?{Range}&team=payments", "team", "no team has a similar name." },
    };

    [Theory]
    [MemberData(nameof(UnknownNames))]
    public async Task UnknownTeamOrService_IsAProblemNamingTheFieldAndTheClosestNames(string path, string field, string hint)
    {
        var (status, problem) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
        Assert.EndsWith(hint, message, StringComparison.Ordinal);
        Assert.Contains("is not a known", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KnownTeamWithNothingInRange_IsAnEmptyAnswer_NotAProblem()
    {
        var result = await OkAsync("/api/v1/metrics/lead-time?from=2020-01-06&to=2020-02-03&team=red");
        var items = await OkAsync("/api/v1/metrics/lead-time/items?from=2020-01-06&to=2020-02-03&team=red");

        Assert.Equal(0, result.GetProperty("summary").GetProperty("n").GetInt32());
        Assert.Empty(items.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, items.GetProperty("next_cursor").ValueKind);
    }

    [Fact]
    public async Task Page_EchoesItsQuestion()
    {
        var page = await OkAsync($"/api/v1/metrics/lead-time/items?{Range}&team=red&environment=production&counted=false&period=2026-03-02");

        Assert.Equal("lead-time", page.GetProperty("metric").GetString());
        Assert.Equal((GoldenDataset.From, GoldenDataset.To), (page.GetProperty("from").GetString(), page.GetProperty("to").GetString()));
        Assert.Equal("red", page.GetProperty("filters").GetProperty("team").GetString());
        Assert.Equal("production", page.GetProperty("filters").GetProperty("environment").GetString());
        Assert.Equal(("week", "2026-03-02", "false"), (page.GetProperty("interval").GetString(), page.GetProperty("period").GetString(), page.GetProperty("counted").GetString()));
        Assert.Equal(["acme/alpha#1"], Ids(page));
    }

    private static IEnumerable<string> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!);

    private Task<JsonElement> OkAsync(string path) => golden.GetAsync(path);

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await golden.Server.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone());
    }
}
