using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Insights.TestSupport;
using Insights.Warehouse.ClickHouse;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Server.Tests.Surveys;

/// <summary>The campaign admin API: create, list, close, links (sampling, re-ask lock), CSV upload, comments.</summary>
public sealed class SurveysApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InsightsTestServer Server => fixture.Server;

    [Fact]
    public async Task Create_ReturnsTheCampaign_WithItsDefaults()
    {
        var name = TestServices.UniqueName("nps");
        var response = await Server.Client.PostAsJsonAsync("/api/v1/surveys", new
        {
            name,
            audience = new object[] { new { team = "payments", size = 40 }, new { team = "search", size = 12 } },
            sampling_ratio = 0.5,
        });
        var campaign = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(name, campaign.GetProperty("name").GetString());
        Assert.Equal("open", campaign.GetProperty("status").GetString());
        Assert.Equal(52, campaign.GetProperty("audience_size").GetInt32());
        Assert.Equal(90, campaign.GetProperty("reask_days").GetInt32());
        Assert.Equal(5, campaign.GetProperty("anonymity_threshold").GetInt32());
        Assert.Equal(0.5, campaign.GetProperty("sampling_ratio").GetDouble());
        Assert.Contains("recommend", campaign.GetProperty("question").GetString());
        Assert.Equal($"/api/v1/metrics/nps?campaign={campaign.GetProperty("id").GetGuid()}", campaign.GetProperty("results").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Server.Client.PostAsJsonAsync("/api/v1/surveys", new { name })).StatusCode);
    }

    [Theory]
    [InlineData("{}", "name")]
    [InlineData("{\"name\": \"x\", \"sampling_ratio\": 0}", "sampling_ratio")]
    [InlineData("{\"name\": \"x\", \"sampling_ratio\": 1.5}", "sampling_ratio")]
    [InlineData("{\"name\": \"x\", \"anonymity_threshold\": 3}", "anonymity_threshold")]
    [InlineData("{\"name\": \"x\", \"reask_days\": -1}", "reask_days")]
    [InlineData("{\"name\": \"x\", \"starts_at\": \"2026-03-10T00:00:00Z\", \"ends_at\": \"2026-03-01T00:00:00Z\"}", "ends_at")]
    [InlineData("{\"name\": \"x\", \"audience\": [{\"team\": \"a\"}, {\"team\": \"A\"}]}", "audience[1].team")]
    [InlineData("{\"name\": \"x\", \"audience\": [{\"team\": \"a\", \"size\": 0}]}", "audience[0].size")]
    public async Task Create_BadFields_AreProblemsNamingTheField(string body, string field)
    {
        var response = await Server.Client.PostAsync("/api/v1/surveys", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Surveys_NeedTheAdminScope_ButAnsweringNeedsNoKey()
    {
        var created = await Server.Client.PostAsJsonAsync("/api/v1/keys", new { name = "reader", scopes = new[] { "read" } });
        var reader = Server.CreateClient((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Anonymous.GetAsync("/api/v1/surveys")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/v1/surveys")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync($"/api/v1/surveys/{Guid.NewGuid()}/comments")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SurveyScenario.AnswerAsync(Server, "x", 5)).StatusCode);
    }

    [Fact]
    public async Task Close_StopsLinks_AndListShowsTheStatus()
    {
        var id = await SurveyScenario.CreateCampaignAsync(Server);

        var closed = await Server.Client.PostAsync($"/api/v1/surveys/{id}/close", null);
        var list = await Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/surveys");
        var links = await Server.Client.PostAsync($"/api/v1/surveys/{id}/links", new StringContent("developer,team\na@x.example,t\n", Encoding.UTF8, "text/csv"));

        Assert.Equal("closed", (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("closed", list.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, links.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Client.PostAsync($"/api/v1/surveys/{Guid.NewGuid()}/close", null)).StatusCode);
    }

    [Fact]
    public async Task Links_HonourTheAudience_AndNameEveryDeveloper()
    {
        var id = await SurveyScenario.CreateCampaignAsync(Server, new { name = TestServices.UniqueName("c"), audience = new[] { new { team = "Payments" } } });

        var links = await SurveyScenario.IssueLinksAsync(Server, id, [("ann@example.com", "payments"), ("ben@example.com", "search"), ("", "payments")]);

        Assert.Equal(["issued", "not_in_audience", "invalid"], links.Select(l => l["status"]));
        Assert.StartsWith(Server.Address.ToString().TrimEnd('/') + "/s/", links[0]["link"]);
        Assert.Equal("Payments", links[0]["team"]);
        Assert.Equal(string.Empty, links[1]["link"]);
        // GET with the same CSV body (the issue's contract) answers the same.
        var get = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/surveys/{id}/links") { Content = new StringContent("developer,team\nann@example.com,payments\n", Encoding.UTF8, "text/csv") };
        var again = await (await Server.Client.SendAsync(get)).Content.ReadAsStringAsync();
        Assert.Contains(",issued,", again);
    }

    [Fact]
    public async Task Links_SampleTheSameDevelopers_EveryTime()
    {
        var id = await SurveyScenario.CreateCampaignAsync(Server, new { name = TestServices.UniqueName("c"), sampling_ratio = 0.3 });
        var developers = Enumerable.Range(0, 300).Select(i => ($"dev{i}@example.com", "payments")).ToList();

        var first = await SurveyScenario.IssueLinksAsync(Server, id, developers);
        var second = await SurveyScenario.IssueLinksAsync(Server, id, developers);

        var issued = first.Count(l => l["status"] == "issued");
        // A binomial draw of 300 at 30 %: 90 expected, σ ≈ 7.9; the draw is fixed, so this never flickers.
        Assert.InRange(issued, 60, 120);
        Assert.Equal(300 - issued, first.Count(l => l["status"] == "not_sampled"));
        Assert.Equal(first.Select(l => l["status"]), second.Select(l => l["status"]));
    }

    [Fact]
    public async Task Links_SkipDevelopersWhoAnsweredRecently()
    {
        var earlier = await SurveyScenario.CreateCampaignAsync(Server);
        var token = await SurveyScenario.TokenForAsync(Server, earlier, "Recent@Example.com", "payments");
        Assert.Equal(HttpStatusCode.Accepted, (await SurveyScenario.AnswerAsync(Server, token, 7)).StatusCode);
        await Server.FlushAsync();
        var locked = await SurveyScenario.CreateCampaignAsync(Server);
        var unlocked = await SurveyScenario.CreateCampaignAsync(Server, new { name = TestServices.UniqueName("c"), reask_days = 0 });

        var lockedLinks = await SurveyScenario.IssueLinksAsync(Server, locked, [("recent@example.com", "payments"), ("fresh@example.com", "payments")]);
        var unlockedLinks = await SurveyScenario.IssueLinksAsync(Server, unlocked, [("recent@example.com", "payments")]);

        // The e-mail is matched case-insensitively (through its keyed hash).
        Assert.Equal(["asked_recently", "issued"], lockedLinks.Select(l => l["status"]));
        Assert.Equal("issued", unlockedLinks[0]["status"]);
    }

    [Fact]
    public async Task Upload_StoresTheGoodRecords_ReportsTheBadOnes_AndReuploadingCountsOnce()
    {
        var name = TestServices.UniqueName("c");
        var id = await SurveyScenario.CreateCampaignAsync(Server, new { name });
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var csv = $"""
            respondent,score,comment,answered_at,team,campaign
            a1@example.com,10,"Great, really",{today}T09:00:00Z,payments,{name}
            a2@example.com,9,,{today} 09:05:00,payments,
            a3@example.com,8,,{today}T09:10:00Z,payments,{id}
            a4@example.com,6,,{today}T09:15:00+02:00,payments,
            a5@example.com,0,,{today}T09:20:00Z,payments,
            a6@example.com,11,,{today}T09:20:00Z,payments,
            a7@example.com,5,,yesterday,payments,
            a8@example.com,5,,{today}T09:20:00Z,payments,another-campaign
            ,5,,{today}T09:20:00Z,payments,

            """;

        var first = await Server.Client.PostAsync($"/api/v1/surveys/{id}/responses", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var body = await first.Content.ReadFromJsonAsync<JsonElement>();
        // The same export again, as some tools label CSV files.
        var again = await Server.Client.PostAsync($"/api/v1/surveys/{id}/responses", new StringContent(csv, Encoding.UTF8, "text/plain"));
        await Server.FlushAsync();

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(5, body.GetProperty("accepted").GetInt32());
        var rejected = body.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([5, 6, 7, 8], rejected.Select(r => r.GetProperty("index").GetInt32()));
        Assert.True(rejected[0].GetProperty("errors").TryGetProperty("score", out _));
        Assert.True(rejected[1].GetProperty("errors").TryGetProperty("answered_at", out _));
        Assert.True(rejected[2].GetProperty("errors").TryGetProperty("campaign", out _));
        Assert.True(rejected[3].GetProperty("errors").TryGetProperty("respondent", out _));
        // P 2 (10, 9), passive 1, D 2 (6, 0) → 0; uploaded twice, counted once.
        var summary = await SurveyScenario.NpsSummaryAsync(Server, id);
        Assert.Equal(5, summary.GetProperty("n").GetInt64());
        Assert.Equal(0, summary.GetProperty("value").GetDouble());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await Server.Client.PostAsJsonAsync($"/api/v1/surveys/{id}/responses", new { a = 1 })).StatusCode);
    }

    [Fact]
    public async Task Comments_AreShownOnlyForGroupsAtOrAboveTheThreshold()
    {
        var id = await SurveyScenario.CreateCampaignAsync(Server);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var csv = new StringBuilder("respondent,score,comment,answered_at,team\n");
        void Add(string team, int count)
        {
            for (var i = 0; i < count; i++)
            {
                csv.Append(CultureInvariant($"{team}{i}@example.com,9,{team} comment {i},{today}T10:00:00Z,{team}\n"));
            }
        }

        // big 6, mid 5, small 2: small is hidden; the organisation minus big and mid would leave small's 2,
        // so mid (the smallest shown) is hidden too; mid and small together (7) form one unnamed group.
        Add("big", 6);
        Add("mid", 5);
        Add("small", 2);
        await Server.Client.PostAsync($"/api/v1/surveys/{id}/responses", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        await Server.FlushAsync();

        var comments = await Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}/comments");

        var groups = comments.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(5, comments.GetProperty("minimum_group_size").GetInt64());
        Assert.Equal(2, groups.Count);
        Assert.Equal("big", groups[0].GetProperty("team").GetString());
        Assert.Equal(6, groups[0].GetProperty("comments").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, groups[1].GetProperty("team").ValueKind);
        Assert.Equal(7, groups[1].GetProperty("respondents").GetInt64());
        Assert.DoesNotContain(groups, g => g.GetProperty("team").GetString() is "mid" or "small");
        Assert.Equal(
            Enumerable.Range(0, 5).Select(i => $"mid comment {i}").Concat(Enumerable.Range(0, 2).Select(i => $"small comment {i}")).Order(),
            groups[1].GetProperty("comments").EnumerateArray().Select(c => c.GetString()).Order());
    }

    [Fact]
    public async Task Comments_OfASmallCampaign_AreNotShownAtAll()
    {
        var id = await SurveyScenario.CreateCampaignAsync(Server);
        var token = await SurveyScenario.TokenForAsync(Server, id, "lonely@example.com", "payments");
        await SurveyScenario.AnswerAsync(Server, token, 2, "I would know who wrote this");
        await Server.FlushAsync();

        var comments = await Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}/comments");

        Assert.Empty(comments.GetProperty("groups").EnumerateArray());
        Assert.True((await SurveyScenario.NpsSummaryAsync(Server, id)).GetProperty("suppressed").GetBoolean());
    }

    [Fact]
    public async Task Campaign_CountsItsAnswers_AlsoBelowTheThreshold_WithoutShowingAScore()
    {
        var id = await SurveyScenario.CreateCampaignAsync(Server);
        var created = await Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}");
        Assert.Equal(0, created.GetProperty("answers").GetInt64());
        var first = await SurveyScenario.TokenForAsync(Server, id, "one@example.com", "payments");
        var second = await SurveyScenario.TokenForAsync(Server, id, "two@example.com", "search");
        await SurveyScenario.AnswerAsync(Server, first, 3);
        await SurveyScenario.AnswerAsync(Server, first, 9);
        await SurveyScenario.AnswerAsync(Server, second, 10);
        await Server.FlushAsync();

        var campaign = await Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}");
        var listed = (await Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/surveys")).EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id);

        // Two developers answered (the second answer of the first replaced the first): 2, under the threshold of 5 …
        Assert.Equal(2, campaign.GetProperty("answers").GetInt64());
        Assert.Equal(2, listed.GetProperty("answers").GetInt64());
        // … where the result itself stays suppressed, and the campaign carries no score.
        Assert.True((await SurveyScenario.NpsSummaryAsync(Server, id)).GetProperty("suppressed").GetBoolean());
        Assert.DoesNotContain(campaign.EnumerateObject(), p => p.Name is "nps" or "score" or "promoters" or "detractors");
    }

    [Fact]
    public async Task Campaigns_AreStillListed_WhenTheWarehouseCannotCountAnswers()
    {
        await using var server = await InsightsTestServer.StartAsync();
        var id = await SurveyScenario.CreateCampaignAsync(server);
        server.Services.GetRequiredService<ClickHouseClient>().Options.Url = TestServices.UnreachableClickHouseUrl();

        var campaign = await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}");

        Assert.Equal(JsonValueKind.Null, campaign.GetProperty("answers").ValueKind);
        Assert.Equal("open", campaign.GetProperty("status").GetString());
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
