using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Insights.Reports.Tests.Support;
using Insights.Reports.Weeks;
using Insights.TestSupport;

namespace Insights.Reports.Tests.Apis;

/// <summary>The report endpoints: who may call them, what they answer, and RFC 7807 problems naming the bad field.</summary>
public sealed class ReportsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InsightsTestServer Server => fixture.Server;

    [Fact]
    public async Task List_NeedsAnAdminKey()
    {
        // Reports carry developers' comments: admin only, like the survey comments themselves.
        using var anonymous = await Server.Anonymous.GetAsync("/api/v1/reports");
        using var ingest = await Server.CreateClient(await KeyAsync("ingest")).GetAsync("/api/v1/reports");
        using var reader = await Server.CreateClient(await KeyAsync("read")).GetAsync("/api/v1/reports");
        using var admin = await Server.Client.GetAsync("/api/v1/reports");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ingest.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(JsonValueKind.Array, (await admin.Content.ReadFromJsonAsync<JsonElement>()).ValueKind);
    }

    [Fact]
    public async Task CreateAndDownload_NeedAdmin()
    {
        var reader = Server.CreateClient(await KeyAsync("read"));
        using var refused = await reader.PostAsJsonAsync("/api/v1/reports", new { week = "2026-W05" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var created = await Server.Client.PostAsJsonAsync("/api/v1/reports", new { week = "2026-W05" });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var report = body.GetProperty("reports")[0];
        using var notForReaders = await reader.GetAsync(report.GetProperty("pdf_url").GetString());
        using var pdf = await Server.Client.GetAsync(report.GetProperty("pdf_url").GetString());
        var bytes = await pdf.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.Forbidden, notForReaders.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(report.GetProperty("pdf_url").GetString(), created.Headers.Location?.OriginalString);
        Assert.Equal("2026-W05", body.GetProperty("week").GetString());
        Assert.Equal("2026-01-26", report.GetProperty("week_start").GetString());
        Assert.Equal("2026-02-01", report.GetProperty("week_end").GetString());
        Assert.Equal("organisation", report.GetProperty("scope").GetString());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("team").ValueKind);
        Assert.Equal("api", report.GetProperty("trigger").GetString());
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("inline", pdf.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(report.GetProperty("size_bytes").GetInt32(), bytes.Length);
    }

    [Fact]
    public async Task CreatingAgain_ReplacesTheReportOfThatWeekAndScope()
    {
        var first = await ReportApi.CreateAsync(Server.Client, new { week = "2026-W04" });
        using var again = await Server.Client.PostAsJsonAsync("/api/v1/reports", new { week = "2026-W04", scope = "organisation" });
        var second = await again.Content.ReadFromJsonAsync<JsonElement>();
        var listed = await Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/reports?week=2026-W04");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.GetProperty("reports")[0].GetProperty("id").GetString(), second.GetProperty("reports")[0].GetProperty("id").GetString());
        Assert.Equal(1, listed.GetArrayLength());
    }

    [Fact]
    public async Task TeamReports_AreMadeForTeamsOfTheCatalog_AndListedByTeamOrScope()
    {
        var team = TestServices.UniqueName("team");
        Assert.Equal(HttpStatusCode.Accepted, (await Server.PushAsync("services", new[] { new { name = TestServices.UniqueName("svc"), team } })).StatusCode);
        await Server.FlushAsync();

        var made = await ReportApi.CreateAsync(Server.Client, new { week = "2026-W03", team });
        await ReportApi.CreateAsync(Server.Client, new { week = "2026-W03" });
        var byTeam = await Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/reports?team={team}");
        var organisation = await Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/reports?week=2026-W03&scope=organisation");
        var teams = await Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/reports?week=2026-W03&scope=team");

        var report = made.GetProperty("reports")[0];
        Assert.Equal("team", report.GetProperty("scope").GetString());
        Assert.Equal(team, report.GetProperty("team").GetString());
        Assert.Equal(report.GetProperty("id").GetString(), Assert.Single(byTeam.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal("organisation", Assert.Single(organisation.EnumerateArray()).GetProperty("scope").GetString());
        Assert.Equal(team, Assert.Single(teams.EnumerateArray()).GetProperty("team").GetString());
    }

    [Theory]
    [InlineData("{\"week\": \"2026-13\"}", "week", "ISO week")]
    [InlineData("{\"week\": \"2026-W54\"}", "week", "ISO week")]
    [InlineData("{\"week\": \"2104-W01\"}", "week", "has not ended yet")]
    [InlineData("{\"scope\": \"galaxy\"}", "scope", "organisation or team")]
    [InlineData("{\"scope\": \"team\"}", "team", "required")]
    [InlineData("{\"team\": \"no-such-team\"}", "team", "not a team of the catalog")]
    [InlineData("{\"scope\": \"organisation\", \"team\": \"x\"}", "team", "must be empty")]
    public async Task Create_RefusesBadInput_NamingTheField(string body, string field, string reason)
    {
        using var response = await Server.Client.PostAsync("/api/v1/reports", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_RefusesABodyThatIsNotJson()
    {
        using var response = await Server.Client.PostAsync("/api/v1/reports", new StringContent("{week:", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("week=13", "week")]
    [InlineData("scope=everyone", "scope")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=many", "limit")]
    [InlineData("scope=organisation&team=red", "team")]
    public async Task List_RefusesBadParameters_NamingThem(string query, string field)
    {
        using var response = await Server.Client.GetAsync($"/api/v1/reports?{query}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Pdf_OfAnUnknownReport_IsANotFoundProblem()
    {
        using var response = await Server.Client.GetAsync($"/api/v1/reports/{Guid.NewGuid()}.pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Create_WithoutAWeek_MakesTheLastFullWeek()
    {
        var made = await ReportApi.CreateAsync(Server.Client, new { });

        Assert.Equal(IsoWeek.LastFull(DateTimeOffset.UtcNow, TimeZoneInfo.Utc).ToString(), made.GetProperty("week").GetString());
    }

    private async Task<string> KeyAsync(string scope)
    {
        using var created = await Server.Client.PostAsJsonAsync("/api/v1/keys", new { name = "reports-" + scope, scopes = new[] { scope } });
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }
}
