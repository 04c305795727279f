using System.Net;
using System.Text;
using Insights.Domain.Csv;
using Insights.Server.Tests.Surveys;
using Insights.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Insights.Server.Tests.Web;

/// <summary>
/// Survey campaigns in the browser: create one, issue its links from an uploaded CSV (the links come
/// back as a download), see its answer count rise as respondents answer (a count even below the
/// anonymity threshold, while the NPS itself stays hidden), preview it, close it; and bad forms.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class WebSurveysTests(WebAppFixture web)
{
    [Fact]
    public async Task Campaign_CreatedInTheBrowser_IssuesLinksFromACsv_AndItsAnswerCountRises()
    {
        await using var session = await web.OpenAsync();
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey, "/surveys");
        var name = TestServices.UniqueName("web_campaign");
        await session.Page.FillAsync("#name", name);
        await session.Page.FillAsync("#audience", "payments, 12\ncheckout");

        await session.ClickAndWaitAsync("button:has-text('Create the campaign')");

        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        await Expect(session.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("The campaign was created");
        await Expect(session.Page.Locator("[data-answers]")).ToHaveTextAsync("0");
        var campaign = Guid.Parse(session.Page.Url.Split('/').Last().Split('?')[0]);

        var csv = CsvFormat.Line("developer", "team") + CsvFormat.Line("ann@example.com", "payments") + CsvFormat.Line("bob@example.com", "payments") + CsvFormat.Line("cid@example.com", "checkout");
        await session.Page.SetInputFilesAsync("#csv", new FilePayload { Name = "developers.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        var download = await session.Page.RunAndWaitForDownloadAsync(() => session.Page.ClickAsync("button:has-text('Issue links')"));
        var links = CsvTable.Read(new StringReader(await File.ReadAllTextAsync(await download.PathAsync()))).Select(r => r.Values!).ToList();
        Assert.Equal(["issued", "issued", "issued"], links.Select(l => l["status"]));

        foreach (var (link, score) in links.Zip([9, 10]))
        {
            var answer = await SurveyScenario.AnswerAsync(web.Server, SurveyScenario.TokenOf(link["link"]!), score);
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }

        await web.Server.FlushAsync();
        await session.Page.ReloadAsync();
        await Expect(session.Page.Locator("[data-answers]")).ToHaveTextAsync("2");
        // Two people: a count, never their scores (the metric itself stays suppressed).
        var nps = await SurveyScenario.NpsSummaryAsync(web.Server, campaign);
        Assert.True(nps.GetProperty("suppressed").GetBoolean());
        await session.GotoAsync("/surveys");
        await Expect(session.Page.Locator($"tr[data-campaign='{campaign}'] td[data-answers]")).ToHaveTextAsync("2");
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task Campaign_PreviewShowsTheSurveyPage_AndClosingStopsItsLinks()
    {
        var campaign = await SurveyScenario.CreateCampaignAsync(web.Server, new { name = TestServices.UniqueName("closing"), question = "Would you recommend the paved road?" });
        var token = await SurveyScenario.TokenForAsync(web.Server, campaign, "dee@example.com", "search");
        await using var session = await web.OpenAsync();
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey, $"/surveys/{campaign}");

        var preview = await session.Context.NewPageAsync();
        await preview.GotoAsync(new Uri(session.Address, $"/surveys/{campaign}/preview").ToString());
        await Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Would you recommend the paved road?" })).ToBeVisibleAsync();
        await WebAppFixture.ScreenshotAsync(preview, "survey-preview-desktop");
        await preview.CloseAsync();

        await WebAppFixture.ScreenshotAsync(session.Page, "survey-campaign-desktop");
        await session.ClickAndWaitAsync("button:has-text('Close the campaign')");

        await Expect(session.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("The campaign is closed");
        await Expect(session.Page.Locator("#csv")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Gone, (await SurveyScenario.AnswerAsync(web.Server, token, 8)).StatusCode);
    }

    [Theory]
    [InlineData("", "#name", "the name is required.")]
    [InlineData("a0d3f7c2-55f1-4a57-8f8e-0d5f5c7f7a11", "#name", "the name must not look like an id")]
    [InlineData("x", "#anonymity_threshold", "the anonymity threshold must be from 5")]
    [InlineData("x", "#audience", "the teams asked (audience[0].size) must be a whole number")]
    public async Task Campaign_WithABadField_IsNotCreated_AndThePageSaysWhichField(string name, string field, string message)
    {
        await using var session = await web.OpenAsync();
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey, "/surveys");
        var unique = name == "x" ? TestServices.UniqueName("bad") : name;
        await session.Page.FillAsync("#name", unique);
        await session.Page.EvalOnSelectorAsync("#name", "e => e.required = false");
        if (field == "#anonymity_threshold")
        {
            await session.Page.EvalOnSelectorAsync(field, "e => { e.min = ''; e.value = '2'; }");
        }
        else if (field == "#audience")
        {
            await session.Page.FillAsync(field, "payments, twelve");
        }

        var response = await session.Page.RunAndWaitForResponseAsync(() => session.Page.ClickAsync("button:has-text('Create the campaign')"), r => r.Request.Method == "POST");

        Assert.Equal((int)HttpStatusCode.BadRequest, response.Status);
        await Expect(session.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The campaign was not created: " + message);
        await Expect(session.Page.Locator(field)).ToHaveAttributeAsync("aria-invalid", "true");
        if (unique.Length > 0)
        {
            await Expect(session.Page.Locator($"table[data-table=campaigns] th:has-text('{unique}')")).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task Links_FromAFileThatIsNotCsv_AreRefused_WithWhatWasWrong()
    {
        var campaign = await SurveyScenario.CreateCampaignAsync(web.Server);
        await using var session = await web.OpenAsync();
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey, $"/surveys/{campaign}");
        await session.Page.SetInputFilesAsync("#csv", new FilePayload { Name = "notes.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("name;teams\n\"unclosed") });

        var response = await session.Page.RunAndWaitForResponseAsync(() => session.Page.ClickAsync("button:has-text('Issue links')"), r => r.Request.Method == "POST");

        Assert.Equal((int)HttpStatusCode.BadRequest, response.Status);
        await Expect(session.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("No link was issued.");
    }
}
