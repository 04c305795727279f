using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Insights.Server.Surveys;
using Insights.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Server.Tests.Surveys;

/// <summary>Respondent links end to end: the page and its policy, forged, expired, closed and replayed links.</summary>
public sealed class SurveyLinkTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InsightsTestServer Server => fixture.Server;

    [Fact]
    public async Task Page_AsksTheQuestion_UnderAStrictContentSecurityPolicy()
    {
        var campaign = await SurveyScenario.CreateCampaignAsync(Server, new { name = TestServices.UniqueName("c"), question = "Would you <recommend> us?" });
        var token = await SurveyScenario.TokenForAsync(Server, campaign, "ada@example.com", "payments");

        var page = await Server.Anonymous.GetAsync($"/s/{token}");
        var html = await page.Content.ReadAsStringAsync();
        var embedded = await Server.Anonymous.GetAsync($"/s/{token}?embed=1");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Would you &lt;recommend&gt; us?", html);
        Assert.Equal(11, html.Split("type=\"radio\"").Length - 1);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe", policy);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        // Scripts and styles only as files from this server: no inline code, no other host.
        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=\"/s/assets/survey\\.js\")", html);
        Assert.DoesNotContain("style=", html);
        Assert.DoesNotContain("http", html.Replace("http-equiv", string.Empty, StringComparison.Ordinal));
        Assert.Contains("frame-ancestors *", embedded.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(embedded.Headers.Contains("X-Frame-Options"));
    }

    [Fact]
    public async Task Assets_AreServedFromThisServer_AndTheWidgetFromAnyOrigin()
    {
        var script = await Server.Anonymous.GetAsync(SurveyAssets.ScriptPath);
        var style = await Server.Anonymous.GetAsync(SurveyAssets.StylePath);
        var widget = await Server.Anonymous.GetAsync(SurveyAssets.WidgetPath);

        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
        Assert.Equal("*", widget.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("insights-survey:height", await widget.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4_QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFla")]
    public async Task ForgedLink_ShowsAClearPage_AndTheApiNamesTheToken(string token)
    {
        var page = await Server.Anonymous.GetAsync($"/s/{token}");
        var html = await page.Content.ReadAsStringAsync();
        var answer = await SurveyScenario.AnswerAsync(Server, token, 9);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("This survey link is not valid", html);
        Assert.DoesNotContain("Exception", html);
        Assert.DoesNotContain(" at Insights", html);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("not a valid survey link", problem.GetProperty("errors").GetProperty("token")[0].GetString());
    }

    [Fact]
    public async Task TamperedLink_IsForged()
    {
        var campaign = await SurveyScenario.CreateCampaignAsync(Server);
        var token = await SurveyScenario.TokenForAsync(Server, campaign, "bob@example.com", "payments");
        var tampered = token[..^5] + (token[^5] == 'x' ? 'y' : 'x') + token[^4..];

        var page = await Server.Anonymous.GetAsync($"/s/{tampered}");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("not valid", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ExpiredLink_ShowsTheExpiredPage_AndIsRefused()
    {
        var campaign = await SurveyScenario.CreateCampaignAsync(Server);
        var key = await Server.Services.GetRequiredService<SurveyKeys>().TokenKeyAsync(CancellationToken.None);
        var respondent = await Server.Services.GetRequiredService<SurveyKeys>().RespondentHashAsync("carol@example.com", CancellationToken.None);
        var token = SurveyTokenCodec.Encode(new SurveyToken(campaign, respondent, "payments", DateTime.UtcNow.AddMinutes(-1)), key);

        var page = await Server.Anonymous.GetAsync($"/s/{token}");
        var answer = await SurveyScenario.AnswerAsync(Server, token, 9);

        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("This survey link has expired", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Gone, answer.StatusCode);
        Assert.Contains("expired", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("token")[0].GetString());
    }

    [Fact]
    public async Task ClosedCampaign_ShowsTheClosedPage_AndScheduledOneIsNotOpenYet()
    {
        var closed = await SurveyScenario.CreateCampaignAsync(Server);
        var token = await SurveyScenario.TokenForAsync(Server, closed, "dan@example.com", "payments");
        Assert.Equal(HttpStatusCode.OK, (await Server.Client.PostAsync($"/api/v1/surveys/{closed}/close", null)).StatusCode);
        var scheduled = await SurveyScenario.CreateCampaignAsync(Server, new { name = TestServices.UniqueName("c"), starts_at = DateTime.UtcNow.AddDays(3) });
        var early = await SurveyScenario.TokenForAsync(Server, scheduled, "dan@example.com", "payments");

        var closedPage = await Server.Anonymous.GetAsync($"/s/{token}");
        var closedAnswer = await SurveyScenario.AnswerAsync(Server, token, 9);
        var earlyPage = await Server.Anonymous.GetAsync($"/s/{early}");

        Assert.Equal(HttpStatusCode.Gone, closedPage.StatusCode);
        Assert.Contains("This survey is closed", await closedPage.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Gone, closedAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, earlyPage.StatusCode);
        Assert.Contains("has not started yet", await earlyPage.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AThousandAnswers_FromOneLink_CountOnce_AndTheLastOneWins()
    {
        var campaign = await SurveyScenario.CreateCampaignAsync(Server);
        var replayed = await SurveyScenario.TokenForAsync(Server, campaign, "eve@example.com", "payments");
        for (var i = 0; i < 4; i++)
        {
            var token = await SurveyScenario.TokenForAsync(Server, campaign, $"dev{i}@example.com", "payments");
            Assert.Equal(HttpStatusCode.Accepted, (await SurveyScenario.AnswerAsync(Server, token, 10)).StatusCode);
        }

        foreach (var batch in Enumerable.Range(0, 999).Chunk(50))
        {
            var answers = await Task.WhenAll(batch.Select(_ => SurveyScenario.AnswerAsync(Server, replayed, 10, "again")));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        }

        Assert.Equal(HttpStatusCode.Accepted, (await SurveyScenario.AnswerAsync(Server, replayed, 0, "changed my mind")).StatusCode);
        await Server.FlushAsync();

        // Five respondents: four promoters and the replayed link's final 0 → 100 × (4 − 1) ÷ 5 = 60.
        var summary = await SurveyScenario.NpsSummaryAsync(Server, campaign);
        Assert.Equal(5, summary.GetProperty("n").GetInt64());
        Assert.Equal(1, summary.GetProperty("detractors").GetInt64());
        Assert.Equal(60, summary.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task PlainFormPost_WithoutJavaScript_RecordsTheAnswer()
    {
        var campaign = await SurveyScenario.CreateCampaignAsync(Server);
        var token = await SurveyScenario.TokenForAsync(Server, campaign, "fay@example.com", "payments");

        var missing = await Server.Anonymous.PostAsync($"/s/{token}", new FormUrlEncodedContent([new("comment", "no score")]));
        var answered = await Server.Anonymous.PostAsync($"/s/{token}", new FormUrlEncodedContent([new("score", "8"), new("comment", "fine")]));
        await Server.FlushAsync();

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Please choose a score", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains("Thank you", await answered.Content.ReadAsStringAsync());
        Assert.Equal(1, await Server.ClickHouse.QueryScalarAsync<long>($"SELECT count() FROM nps_responses WHERE campaign = '{campaign}' AND score = 8"));
    }

    [Theory]
    [InlineData("{\"score\": 11}", "score")]
    [InlineData("{\"score\": \"nine\"}", "score")]
    [InlineData("{\"score\": 7.5}", "score")]
    [InlineData("{\"score\": 9, \"comment\": 5}", "comment")]
    [InlineData("{\"score\": 9, \"comment\": \"LONG\"}", "comment")]
    public async Task BadAnswers_AreProblemsNamingTheField(string body, string field)
    {
        var campaign = await SurveyScenario.CreateCampaignAsync(Server);
        var token = await SurveyScenario.TokenForAsync(Server, campaign, "gil@example.com", "payments");
        var json = body.Replace("{", $"{{\"token\": \"{token}\", ", StringComparison.Ordinal).Replace("LONG", new string('x', 2001), StringComparison.Ordinal);

        var response = await Server.Anonymous.PostAsync("/api/v1/surveys/responses", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("7", 7)]
    [InlineData("\"7\"", 7)]
    [InlineData("8.0", 8)]
    public async Task AScore_IsTakenAsTheApiTakesNumbers(string score, int stored)
    {
        // Like every API body: a number, or a string holding a whole one.
        var campaign = await SurveyScenario.CreateCampaignAsync(Server);
        var token = await SurveyScenario.TokenForAsync(Server, campaign, $"hal-{Guid.NewGuid():N}@example.com", "payments");

        var response = await Server.Anonymous.PostAsync("/api/v1/surveys/responses", new StringContent($"{{\"token\": \"{token}\", \"score\": {score}}}", System.Text.Encoding.UTF8, "application/json"));
        await Server.FlushAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, await Server.ClickHouse.QueryScalarAsync<long>($"SELECT count() FROM nps_responses WHERE campaign = '{campaign}' AND score = {stored}"));
    }

    [Fact]
    public async Task Cors_AllowsBrowsersToAnswer_ButNotToCallTheKeyedApi()
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/surveys/responses");
        preflight.Headers.Add("Origin", "http://portal.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        var keyed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/metrics/nps");
        keyed.Headers.Add("Origin", "http://portal.example");

        var answer = await Server.Anonymous.SendAsync(preflight);
        var metrics = await Server.Client.SendAsync(keyed);

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal("http://portal.example", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.False(metrics.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
