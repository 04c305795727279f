using System.Net;
using System.Text.RegularExpressions;
using Insights.Server.Jobs;
using Insights.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Insights.Server.Tests.Jobs;

/// <summary>
/// The jobs dashboard in headless Chromium, signed in as a browser does (Basic, the admin key as password):
/// its own stylesheet and scripts load under a policy that allows exactly them, and it writes times as ISO 8601.
/// </summary>
public sealed partial class JobsDashboardBrowserTests : IAsyncLifetime
{
    private InsightsTestServer _server = null!;
    private HeadlessChromium _chromium = null!;

    public async Task InitializeAsync()
    {
        // Role "all": the recurring jobs (reports, deliveries) are registered, so the dashboard has times to show.
        _server = await InsightsTestServer.StartAsync(new Dictionary<string, string?> { ["Insights:Role"] = "all" });
        _chromium = await HeadlessChromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Dashboard_LoadsItsStylesheetAndScript_UnderItsPolicy_WithoutAViolation()
    {
        var page = await SignedInPageAsync();
        var assets = new List<(string Path, int Status, string? Type)>();
        page.Response += (_, r) =>
        {
            lock (assets)
            {
                assets.Add((new Uri(r.Url).AbsolutePath, r.Status, r.Headers.GetValueOrDefault("content-type")));
            }
        };

        var response = await page.GotoAsync($"{_server.Address}hangfire");

        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        Assert.Equal(JobsServiceCollectionExtensions.DashboardContentSecurityPolicy, await response.HeaderValueAsync("content-security-policy"));
        await Expect(page.Locator(".navbar-brand")).ToHaveTextAsync("Platform Insights — jobs");
        // The stylesheet applied (Bootstrap fixes the navbar to the top) …
        Assert.Equal("fixed", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.navbar-fixed-top')).position"));
        // … and the script bundle ran: Hangfire's page started and Chart.js drew both graphs.
        Assert.True(await page.EvaluateAsync<bool>("typeof Hangfire === 'object' && Hangfire.page instanceof Hangfire.Page"));
        await page.WaitForFunctionAsync("Object.keys(Chart.instances).length >= 2");
        lock (assets)
        {
            Assert.Contains(assets, a => a.Path.StartsWith("/hangfire/css", StringComparison.Ordinal) && a.Status == 200 && a.Type!.StartsWith("text/css", StringComparison.Ordinal));
            Assert.Contains(assets, a => a.Path.StartsWith("/hangfire/js", StringComparison.Ordinal) && a.Status == 200 && a.Type!.Contains("javascript", StringComparison.Ordinal));
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = HeadlessChromium.Artifact("jobs-dashboard.png"), FullPage = true });
        // Compared as text, so that a failure prints the whole report.
        Assert.Equal("", string.Join('\n', await HeadlessChromium.ViolationsAsync(page)));
        Assert.Equal("", string.Join('\n', _chromium.ConsoleViolations));
    }

    [Fact]
    public async Task RecurringJobs_ShowTheirTimesAsIso8601()
    {
        var page = await SignedInPageAsync();

        await page.GotoAsync($"{_server.Address}hangfire/recurring");

        await Expect(page.Locator("td", new() { HasText = "reports:weekly" })).ToBeVisibleAsync();
        // The footer's clock and every tooltip of a relative time ("in 3 days") are ISO dates and times.
        await Expect(page.Locator("#footer [data-moment-local]")).ToHaveTextAsync(IsoTime());
        // (Bootstrap's tooltips move a title into data-original-title.)
        var titles = await page.Locator("[data-moment]").EvaluateAllAsync<string[]>("spans => spans.map(s => s.getAttribute('data-original-title') || s.getAttribute('title'))");
        Assert.NotEmpty(titles);
        Assert.All(titles, title => Assert.Matches(IsoTime(), title));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = HeadlessChromium.Artifact("jobs-dashboard-recurring.png"), FullPage = true });
        Assert.Equal("", string.Join('\n', await HeadlessChromium.ViolationsAsync(page)));
    }

    private Task<IPage> SignedInPageAsync() => _chromium.NewPageAsync(new BrowserNewContextOptions
    {
        HttpCredentials = new HttpCredentials { Username = "admin", Password = InsightsTestServer.AdminKey },
        ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
    });

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")]
    private static partial Regex IsoTime();
}
