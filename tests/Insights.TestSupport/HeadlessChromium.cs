using Microsoft.Playwright;

namespace Insights.TestSupport;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright (never a downloaded browser). Every page it opens
/// records the Content-Security-Policy violations the browser reports, both as events and as console
/// messages; screenshots go to tests/artifacts/.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly string[] Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"];

    // Registered before any page script runs, so a violation during loading is caught too.
    private const string ViolationRecorder = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>Console messages about the Content-Security-Policy, from every page opened so far.</summary>
    public List<string> ConsoleViolations { get; } = [];

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = Args });
        return new HeadlessChromium(playwright, browser);
    }

    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        var context = await _browser.NewContextAsync(options ?? new BrowserNewContextOptions());
        await context.AddInitScriptAsync(ViolationRecorder);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (ConsoleViolations)
                {
                    ConsoleViolations.Add(message.Text);
                }
            }
        };
        return page;
    }

    /// <summary>The violations the page reported through <c>securitypolicyviolation</c> events.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("window.__cspViolations");

    public static string Artifact(string name)
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

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
