using System.Net;
using Insights.Server.OpenApi;
using Insights.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Insights.Server.Tests.Apis;

/// <summary>The API reference at /docs in headless Chromium: served by the server alone, under its own policy, showing the push item schemas.</summary>
public sealed class ApiReferenceBrowserTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private HeadlessChromium _chromium = null!;

    public async Task InitializeAsync() => _chromium = await HeadlessChromium.LaunchAsync();

    public async Task DisposeAsync() => await _chromium.DisposeAsync();

    [Fact]
    public async Task Docs_ShowEveryPushKindWithItsItemSchema_FromThisServerOnly_WithoutAViolation()
    {
        var server = fixture.Server;
        var page = await _chromium.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var requested = new List<string>();
        page.Request += (_, request) =>
        {
            lock (requested)
            {
                requested.Add(request.Url);
            }
        };

        var response = await page.GotoAsync($"{server.Address}docs");

        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        Assert.Equal(ApiReference.ContentSecurityPolicy, await response.HeaderValueAsync("content-security-policy"));
        // Swagger UI reads and renders the whole document first: on a busy machine that takes a while.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Platform Insights API" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var push = page.Locator("#operations-Ingest-PushDeployments");
        await Expect(push).ToBeVisibleAsync();
        await push.Locator(".opblock-summary").ClickAsync();
        // The request body's example is the item's example, made from the validation schema's examples.
        await Expect(push.Locator(".opblock-section-request-body")).ToContainTextAsync("\"environment\": \"prod-eu\"");
        await Expect(push.Locator(".opblock-section-request-body")).ToContainTextAsync("\"id\": \"payments-api-4711\"");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = HeadlessChromium.Artifact("api-reference.png") });
        await page.Locator("section.models").ScrollIntoViewIfNeededAsync();
        foreach (var item in new[] { "DeploymentItem", "IncidentItem", "PullRequestItem", "EngineerItem", "ProvisioningRequestItem", "ServiceItem", "Problem" })
        {
            await Expect(page.Locator("section.models").GetByRole(AriaRole.Button, new() { Name = item, Exact = true })).ToBeVisibleAsync();
        }

        // No CDN: everything the page loaded came from this server.
        lock (requested)
        {
            Assert.NotEmpty(requested);
            Assert.All(requested, url => Assert.StartsWith(server.Address.ToString(), url, StringComparison.Ordinal));
        }

        Assert.Equal("", string.Join('\n', await HeadlessChromium.ViolationsAsync(page)));
        Assert.Equal("", string.Join('\n', _chromium.ConsoleViolations));
    }
}
