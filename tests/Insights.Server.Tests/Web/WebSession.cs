using Microsoft.Playwright;

namespace Insights.Server.Tests.Web;

/// <summary>One browser context and its page, with what the console said: errors and CSP violations fail the tests that check them.</summary>
public sealed class WebSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    public WebSession(IBrowserContext context, IPage page, Uri address)
    {
        _context = context;
        Page = page;
        Address = address;
        page.Console += (_, message) =>
        {
            if (message.Type == "error" || message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _errors.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => _errors.Add($"{page.Url}: {error}");
    }

    public IPage Page { get; }

    public IBrowserContext Context => _context;

    public Uri Address { get; }

    /// <summary>Console errors and CSP violations so far.</summary>
    public IReadOnlyList<string> ConsoleErrors => _errors;

    public async Task<IResponse> GotoAsync(string path)
    {
        var response = await Page.GotoAsync(new Uri(Address, path).ToString());
        return response ?? throw new InvalidOperationException($"No response for {path}.");
    }

    /// <summary>Signs in on /sign-in with an API key (the input named <c>key</c>) and waits for the page it leads to.</summary>
    public async Task SignInWithKeyAsync(string key, string path = "/")
    {
        var page = await GotoAsync("/sign-in?returnUrl=" + Uri.EscapeDataString(path));
        if (page.Status != 200 || await Page.Locator("input[name=key]").CountAsync() == 0)
        {
            throw new InvalidOperationException($"/sign-in answered {page.Status} at {Page.Url}: {await Page.ContentAsync()}");
        }

        await Page.FillAsync("input[name=key]", key);
        await ClickAndWaitAsync("form button[type=submit]", url => !url.Contains("/sign-in", StringComparison.Ordinal));
    }

    /// <summary>Clicks (a link or a form's button) and waits until the browser has loaded an address that <paramref name="arrived"/> accepts.</summary>
    public async Task ClickAndWaitAsync(string selector, Func<string, bool>? arrived = null)
    {
        var before = Page.Url;
        await Page.ClickAsync(selector);
        await Page.WaitForURLAsync(url => arrived?.Invoke(url) ?? url != before, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Load });
    }

    /// <summary>Signs in through the OpenID provider as <paramref name="user"/> (its login page's button).</summary>
    public async Task SignInWithProviderAsync(string user)
    {
        await GotoAsync("/sign-in");
        var home = Address.ToString();
        await ClickAndWaitAsync("a:has-text('Sign in with Test IdP')", url => !url.StartsWith(home, StringComparison.Ordinal));
        await ClickAndWaitAsync($"button[value={user}]", url => url.StartsWith(home, StringComparison.Ordinal) && !url.Contains("/sign-in/oidc", StringComparison.Ordinal));
    }

    /// <summary>A form post with the page's cookies (as the browser would send it), for requests a page cannot make by itself.</summary>
    public Task<IAPIResponse> PostFormAsync(string path, IDictionary<string, string> fields) =>
        Page.APIRequest.PostAsync(new Uri(Address, path).ToString(), new APIRequestContextOptions { Form = Form(fields), MaxRedirects = 0 });

    private IFormData Form(IDictionary<string, string> fields)
    {
        var form = _context.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return form;
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
