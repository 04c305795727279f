using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Insights.Server.Demo;
using Insights.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Insights.Server.Tests.Web;

/// <summary>
/// The web app as its users meet it: a server with the demo organisation, signing in with API keys or
/// through a real OpenID provider (<see cref="OpenIdProvider"/>), and Debian's Chromium driven by
/// Playwright. Pages opened through <see cref="OpenAsync"/> collect console errors and CSP violations.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"];

    private InsightsTestServer? _server;
    private OpenIdProvider? _provider;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public InsightsTestServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public OpenIdProvider Provider => _provider ?? throw new InvalidOperationException("The provider has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public static ViewportSize Desktop { get; } = new() { Width = 1280, Height = 900 };

    public static ViewportSize Phone { get; } = new() { Width = 390, Height = 844 };

    public async Task InitializeAsync()
    {
        _provider = await OpenIdProvider.StartAsync();
        _server = await InsightsTestServer.StartAsync(Settings(_provider));
        Assert.True(await _server.Services.GetRequiredService<DemoLoader>().LoadIfNeededAsync(scale: 1, CancellationToken.None));
        _playwright = await Playwright.CreateAsync();
        Assertions.SetDefaultExpectTimeout(60_000);
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
    }

    /// <summary>The web app's settings: the demo's golden paths, and sign-in with the test provider.</summary>
    public static Dictionary<string, string?> Settings(OpenIdProvider provider) => new()
    {
        ["Metrics:GoldenPathPipelines:0"] = "golden-path/*",
        // A page asks its questions all at once; on a test machine shared with other builds, some wait long for a core.
        ["ClickHouse:QueryTimeout"] = "00:03:00",
        ["Web:Oidc:Authority"] = provider.Authority,
        ["Web:Oidc:ClientId"] = OpenIdProvider.ClientId,
        ["Web:Oidc:DisplayName"] = "Test IdP",
        ["Web:Oidc:TeamClaim"] = "teams",
        ["Web:Oidc:Scopes:0"] = "roles",
        ["Web:Oidc:RequireHttpsMetadata"] = "false",
    };

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    /// <summary>A fresh browser (no cookies) at a desktop or phone size, watching its console.</summary>
    public async Task<WebSession> OpenAsync(ViewportSize? size = null, InsightsTestServer? server = null)
    {
        var phone = size?.Width < 600;
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = size ?? Desktop,
            IsMobile = phone,
            HasTouch = phone,
            AcceptDownloads = true,
        });
        // A page asks ClickHouse a few dozen questions; on a busy test machine that takes seconds, not milliseconds.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return new WebSession(context, await context.NewPageAsync(), (server ?? Server).Address);
    }

    /// <summary>Axe's violations of impact serious or critical on the page as it is.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        var results = await page.RunAxe();
        return results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => string.Join(' ', n.Target?.ToString() ?? "")))}")
            .ToList();
    }

    /// <summary>tests/artifacts/web/<paramref name="name"/>.png, a full-page screenshot.</summary>
    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact(name + ".png"), FullPage = true });

    public static string Artifact(string name)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Insights.sln")))
        {
            folder = folder.Parent;
        }

        var artifacts = Path.Combine(folder?.FullName ?? AppContext.BaseDirectory, "tests", "artifacts", "web");
        Directory.CreateDirectory(artifacts);
        return Path.Combine(artifacts, name);
    }
}
