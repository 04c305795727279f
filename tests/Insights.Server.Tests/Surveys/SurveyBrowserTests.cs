using System.Net;
using Insights.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Insights.Server.Tests.Surveys;

/// <summary>
/// The survey page and widget in headless Chromium (Debian's, never a downloaded browser): answering by
/// mouse on a phone-sized screen, by keyboard only, from a widget on a page of another origin, and a
/// forged link's error page. Screenshots go to tests/artifacts/.
/// </summary>
public sealed class SurveyBrowserTests : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"];

    private readonly List<string> _policyViolations = [];
    private InsightsTestServer _server = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _server = await InsightsTestServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Respondent_ClicksAScore_Comments_AndSeesTheThankYou_OnAPhone()
    {
        var (campaign, token) = await LinkAsync("mouse@example.com");
        var page = await NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });

        var response = await page.GotoAsync($"{_server.Address}s/{token}");
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "How likely are you to recommend" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("survey-question-phone.png"), FullPage = true });
        await page.Locator("label[for=score-9]").ClickAsync();
        await page.GetByLabel("What is the main reason for your score?").FillAsync("Self-service databases save me a day a week.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you!" })).ToBeVisibleAsync();
        await Expect(page.Locator("#survey-form")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("survey-thank-you-phone.png"), FullPage = true });
        Assert.Equal((9L, "Self-service databases save me a day a week."), await StoredAnswerAsync(campaign));
        Assert.Empty(_policyViolations);
    }

    [Fact]
    public async Task Respondent_AnswersWithTheKeyboardOnly()
    {
        var (campaign, token) = await LinkAsync("keys@example.com");
        var page = await NewPageAsync(new BrowserNewPageOptions());
        await page.GotoAsync($"{_server.Address}s/{token}");

        // Tab into the 0–10 radio group (score 0 takes focus), arrows choose, Tab to the comment, Tab to send.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("score-0", await page.EvaluateAsync<string>("document.activeElement.id"));
        for (var i = 0; i < 7; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await Expect(page.Locator("#score-7")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Typed without a mouse");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("submit", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("survey-keyboard-focus.png") });
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#thanks")).ToBeFocusedAsync();
        Assert.Equal((7L, "Typed without a mouse"), await StoredAnswerAsync(campaign));
        Assert.Empty(_policyViolations);
    }

    [Fact]
    public async Task Widget_OnAPageOfAnotherOrigin_SubmitsTheAnswer()
    {
        var (campaign, token) = await LinkAsync("widget@example.com");
        await using var portal = await StartPortalAsync(token);
        Assert.NotEqual(new Uri(portal.Address).Authority, _server.Address.Authority);
        var page = await NewPageAsync(new BrowserNewPageOptions());

        await page.GotoAsync(portal.Address);
        var survey = page.FrameLocator("iframe[title='Developer survey']");
        await survey.Locator("label[for=score-10]").ClickAsync();
        await survey.Locator("#comment").FillAsync("Embedded in our portal");
        await survey.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();

        await Expect(survey.GetByRole(AriaRole.Heading, new() { Name = "Thank you!" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("survey-widget-other-origin.png"), FullPage = true });
        Assert.Equal((10L, "Embedded in our portal"), await StoredAnswerAsync(campaign));
        Assert.Empty(_policyViolations);
    }

    [Fact]
    public async Task ForgedLink_ShowsTheErrorPage()
    {
        var (_, token) = await LinkAsync("forger@example.com");
        var forged = token[..10] + (token[10] == 'Q' ? 'R' : 'Q') + token[11..];
        var page = await NewPageAsync(new BrowserNewPageOptions());

        var response = await page.GotoAsync($"{_server.Address}s/{forged}");

        Assert.Equal((int)HttpStatusCode.BadRequest, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This survey link is not valid" })).ToBeVisibleAsync();
        await Expect(page.Locator("form")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("survey-forged-link.png") });
    }

    private async Task<IPage> NewPageAsync(BrowserNewPageOptions options)
    {
        var page = await _browser.NewPageAsync(options);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _policyViolations.Add(message.Text);
            }
        };
        return page;
    }

    private async Task<(Guid Campaign, string Token)> LinkAsync(string developer)
    {
        var campaign = await SurveyScenario.CreateCampaignAsync(_server);
        return (campaign, await SurveyScenario.TokenForAsync(_server, campaign, developer, "payments"));
    }

    private async Task<(long Score, string Comment)> StoredAnswerAsync(Guid campaign)
    {
        await _server.FlushAsync();
        var rows = await _server.ClickHouse.QueryAsync<StoredAnswer>($"SELECT toInt64(score) AS score, comment FROM nps_responses WHERE campaign = '{campaign}'");
        return (rows.Single().Score, rows.Single().Comment);
    }

    /// <summary>A team portal on another origin (its own Kestrel on another port) that embeds the widget.</summary>
    private async Task<Portal> StartPortalAsync(string token)
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var insights = _server.Address.ToString().TrimEnd('/');
        app.MapGet("/", () => Results.Content($"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Team portal</title></head>
            <body>
              <h1>Team portal</h1>
              <p>Tell the platform team how it is going:</p>
              <script src="{insights}/s/widget.js" data-token="{token}" async></script>
            </body>
            </html>
            """, "text/html; charset=utf-8"));
        await app.StartAsync();
        return new Portal(app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    private static string Artifact(string name)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Insights.sln")))
        {
            folder = folder.Parent;
        }

        var artifacts = Path.Combine(folder?.FullName ?? AppContext.BaseDirectory, "tests", "artifacts");
        Directory.CreateDirectory(artifacts);
        return Path.Combine(artifacts, name);
    }

    private sealed record StoredAnswer(long Score, string Comment);

    private sealed class Portal(WebApplication app, string address) : IAsyncDisposable
    {
        public string Address { get; } = address;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
