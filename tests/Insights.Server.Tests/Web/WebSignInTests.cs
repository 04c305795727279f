using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Insights.Server.Auth;
using Insights.Server.Web.Auth;
using Insights.TestSupport;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Insights.Server.Tests.Web;

/// <summary>
/// Signing in both ways — an API key on /sign-in, and a real OpenID provider — and what a session may
/// see; sessions that survive a restart; and every way a request can be refused, each with a page that
/// says what happened.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class WebSignInTests(WebAppFixture web)
{
    [Fact]
    public async Task SignIn_WithAReadKey_OpensAViewerSession_WithoutAdminPages()
    {
        var key = await CreateKeyAsync("web-viewer", ["read"]);
        await using var session = await web.OpenAsync();

        await session.SignInWithKeyAsync(key);

        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Exact = true })).ToBeVisibleAsync();
        await Expect(session.Page.Locator(".account")).ToContainTextAsync("viewer");
        await Expect(session.Page.GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToHaveCountAsync(0);
        var admin = await session.GotoAsync("/admin");
        Assert.Equal((int)HttpStatusCode.Forbidden, admin.Status);
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Not for your account" })).ToBeVisibleAsync();
        Assert.Equal((int)HttpStatusCode.Forbidden, (await session.GotoAsync("/reports")).Status);
        Assert.DoesNotContain(session.ConsoleErrors, e => !e.Contains("403", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_WithTheAdminKey_OpensAnAdminSession_AndSignOutEndsIt()
    {
        await using var session = await web.OpenAsync();
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey, "/adoption");

        Assert.EndsWith("/adoption", session.Page.Url, StringComparison.Ordinal);
        await Expect(session.Page.Locator(".account")).ToContainTextAsync("admin");
        await Expect(session.Page.GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToBeVisibleAsync();

        await session.ClickAndWaitAsync("button:has-text('Sign out')");
        await Expect(session.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("You are signed out.");
        var after = await session.GotoAsync("/");
        Assert.Contains("/sign-in", session.Page.Url, StringComparison.Ordinal);
        Assert.Equal((int)HttpStatusCode.OK, after.Status);
    }

    [Theory]
    [InlineData("pik_not-a-key-at-all", "That key is not valid")]
    [InlineData("", "Enter an API key.")]
    public async Task SignIn_WithAWrongKey_SaysWhy_AndOpensNoSession(string key, string message)
    {
        await using var session = await web.OpenAsync();
        await session.GotoAsync("/sign-in");
        await session.Page.FillAsync("input[name=key]", key);
        // The input is required: an empty one is sent anyway, as a script-less client would.
        await session.Page.EvalOnSelectorAsync("input[name=key]", "e => e.required = false");
        var response = await session.Page.RunAndWaitForResponseAsync(() => session.Page.ClickAsync("form button[type=submit]"), r => r.Url.Contains("/sign-in", StringComparison.Ordinal) && r.Request.Method == "POST");

        Assert.Equal((int)HttpStatusCode.Unauthorized, response.Status);
        await Expect(session.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(message);
        Assert.DoesNotContain(await session.Context.CookiesAsync(), c => c.Name == WebAuth.CookieName);
    }

    [Fact]
    public async Task SignIn_WithAnIngestOnlyKey_IsRefused()
    {
        var key = await CreateKeyAsync("web-ingest", ["ingest"]);
        await using var session = await web.OpenAsync();
        await session.GotoAsync("/sign-in");
        await session.Page.FillAsync("input[name=key]", key);
        await session.Page.ClickAsync("form button[type=submit]");

        await Expect(session.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("can only push data");
    }

    [Fact]
    public async Task Oidc_SignsInAnAdmin_FromTheProvidersRoleClaim()
    {
        await using var session = await web.OpenAsync();

        await session.SignInWithProviderAsync("alice");

        await Expect(session.Page.Locator(".account")).ToContainTextAsync("Alice Admin");
        await Expect(session.Page.Locator(".account")).ToContainTextAsync("admin");
        Assert.Equal((int)HttpStatusCode.OK, (await session.GotoAsync("/admin")).Status);
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task Oidc_ViewerWithATeamClaim_SeesOnlyTheirTeam()
    {
        await using var session = await web.OpenAsync();

        await session.SignInWithProviderAsync("tina");

        // The organisation is not theirs: the overview opens on their team, without the teams table.
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Team payments" })).ToBeVisibleAsync();
        await Expect(session.Page.Locator("table[data-table=teams]")).ToHaveCountAsync(0);
        Assert.Equal((int)HttpStatusCode.OK, (await session.GotoAsync("/teams/payments")).Status);
        var other = await session.GotoAsync("/teams/checkout");
        Assert.Equal((int)HttpStatusCode.Forbidden, other.Status);
        await Expect(session.Page.Locator("main")).ToContainTextAsync("“checkout” is not one of them");
        Assert.Equal((int)HttpStatusCode.Forbidden, (await session.GotoAsync("/services/checkout-web")).Status);
        Assert.Equal((int)HttpStatusCode.Forbidden, (await session.GotoAsync("/nps?team=search")).Status);
        Assert.Equal((int)HttpStatusCode.Forbidden, (await session.GotoAsync("/export/lead-time.csv?team=search")).Status);
        await session.GotoAsync("/adoption");
        await Expect(session.Page.Locator("table[data-table=adoption-by-team] tbody tr")).ToHaveCountAsync(1);
        await Expect(session.Page.Locator("table[data-table=golden-path]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Oidc_AccountWithoutARole_IsRefusedWithAPage()
    {
        await using var session = await web.OpenAsync();

        await session.SignInWithProviderAsync("nora");

        Assert.Contains("/sign-in?failed=no-role", session.Page.Url, StringComparison.Ordinal);
        await Expect(session.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("no role for Platform Insights");
        Assert.DoesNotContain(await session.Context.CookiesAsync(), c => c.Name == WebAuth.CookieName);
    }

    [Fact]
    public async Task Session_SurvivesARestart_ItsKeysAreInPostgres()
    {
        await using var session = await web.OpenAsync();
        await session.SignInWithProviderAsync("alice");

        // A new server process over the same databases: a fresh memory, the key ring read from PostgreSQL.
        await using var restarted = await InsightsTestServer.StartAsync(WebAppFixture.Settings(web.Provider), reuse: web.Server);
        var page = await session.Page.GotoAsync(new Uri(restarted.Address, "/provisioning").ToString());

        Assert.Equal((int)HttpStatusCode.OK, page!.Status);
        Assert.StartsWith(restarted.Address.ToString(), session.Page.Url, StringComparison.Ordinal);
        await Expect(session.Page.Locator(".account")).ToContainTextAsync("Alice Admin");
    }

    [Fact]
    public async Task Oidc_ViewerWithoutTheTeamClaim_IsRefused_NotShownEveryTeam()
    {
        await using var session = await web.OpenAsync();

        // The provider sends vera no team although team_claim is configured (as when it drops group claims).
        await session.SignInWithProviderAsync("vera");

        Assert.Contains("/sign-in?failed=no-team", session.Page.Url, StringComparison.Ordinal);
        await Expect(session.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("sent no team for it");
        await WebAppFixture.ScreenshotAsync(session.Page, "sign-in-no-team-desktop");
        Assert.DoesNotContain(await session.Context.CookiesAsync(), c => c.Name == WebAuth.CookieName);
    }

    [Fact]
    public async Task RateLimits_CountASessionAsItsOwn_NotAsItsAddresss()
    {
        // Everyone here comes from 127.0.0.1, as a company's browsers come through one proxy: an allowance
        // of 10 requests for anonymous callers would be spent by one person's pages if a session counted as anonymous.
        var settings = WebAppFixture.Settings(web.Provider);
        settings["RateLimits:AnonymousPerMinute"] = "6";
        await using var server = await InsightsTestServer.StartAsync(settings, reuse: web.Server);
        await using var session = await web.OpenAsync(server: server);
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey, "/surveys");

        for (var i = 0; i < 15; i++)
        {
            Assert.Equal((int)HttpStatusCode.OK, (await session.GotoAsync("/surveys")).Status);
        }

        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Address };
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++)
        {
            answers.Add((await anonymous.GetAsync("/sign-in")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
    }

    [Fact]
    public async Task TamperedSessionCookie_SendsToSignIn_SayingTheSessionEnded()
    {
        await using var session = await web.OpenAsync();
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey);
        var cookie = (await session.Context.CookiesAsync()).Single(c => c.Name == WebAuth.CookieName);
        var flipped = cookie.Value[..20] + (cookie.Value[20] == 'A' ? 'B' : 'A') + cookie.Value[21..];
        await session.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = cookie.Name, Value = flipped, Domain = cookie.Domain, Path = cookie.Path }]);

        await session.GotoAsync("/admin");

        Assert.Contains("/sign-in", session.Page.Url, StringComparison.Ordinal);
        await Expect(session.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your session has ended");
    }

    /// <summary>
    /// A session cookie the server itself issued, but whose time is up: the cookie expired (issued 10 h ago,
    /// valid 8 h), or it was refreshed an hour ago by a session kept alive since a sign-in eight days ago
    /// (the seven-day cap counts from the sign-in, not from the cookie's last refresh).
    /// </summary>
    [Theory]
    [InlineData(10, 10)]
    [InlineData(8 * 24, 1)]
    public async Task SessionPastItsTime_SendsToSignIn_SayingTheSessionEnded(int signedInHoursAgo, int refreshedHoursAgo)
    {
        await using var session = await web.OpenAsync();
        await session.GotoAsync("/sign-in");
        var options = web.Server.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(WebAuth.CookieScheme);
        var refreshed = DateTimeOffset.UtcNow.AddHours(-refreshedHoursAgo);
        var ticket = new AuthenticationTicket(
            WebUser.Principal("Late Larry", WebAuth.Admin, [], "api-key", DateTimeOffset.UtcNow.AddHours(-signedInHoursAgo), "bootstrap"),
            new AuthenticationProperties { IssuedUtc = refreshed, ExpiresUtc = refreshed.AddHours(8) },
            WebAuth.CookieScheme);
        await session.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = WebAuth.CookieName, Value = options.TicketDataFormat.Protect(ticket), Domain = "127.0.0.1", Path = "/" }]);

        await session.GotoAsync("/");

        Assert.Contains("/sign-in", session.Page.Url, StringComparison.Ordinal);
        await Expect(session.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your session has ended");
    }

    [Fact]
    public async Task RevokedKey_EndsTheSessionItOpened()
    {
        var (id, key) = await CreateKeyWithIdAsync("web-revoked", ["read"]);
        await using var session = await web.OpenAsync();
        await session.SignInWithKeyAsync(key);
        Assert.Equal((int)HttpStatusCode.OK, (await session.GotoAsync("/nps")).Status);

        (await web.Server.Client.DeleteAsync($"/api/v1/keys/{id}")).EnsureSuccessStatusCode();
        await session.GotoAsync("/nps");

        Assert.Contains("/sign-in", session.Page.Url, StringComparison.Ordinal);
        await Expect(session.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your session has ended");
    }

    [Fact]
    public async Task KeyForm_RefusesWhatTheApiRefuses_SayingWhyInThePagesWords_AndCreatesNothing()
    {
        await using var session = await web.OpenAsync();
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey, "/admin");
        await session.Page.FillAsync("#key-name", "refused-form-key");
        await session.Page.UncheckAsync("input[name=scopes][value=read]");

        var noScope = await session.Page.RunAndWaitForResponseAsync(() => session.Page.ClickAsync("button:has-text('Create the key')"), r => r.Request.Method == "POST");

        Assert.Equal((int)HttpStatusCode.BadRequest, noScope.Status);
        await Expect(session.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync($"Choose at least one scope of {string.Join(", ", Scopes.All)}. No key was created.");

        await session.Page.FillAsync("#key-name", "refused-form-key");
        await session.Page.CheckAsync("input[name=scopes][value=read]");
        await session.Page.FillAsync("#key-expires", "2020-01-01");
        var past = await session.Page.RunAndWaitForResponseAsync(() => session.Page.ClickAsync("button:has-text('Create the key')"), r => r.Request.Method == "POST");

        Assert.Equal((int)HttpStatusCode.BadRequest, past.Status);
        await Expect(session.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The expiry must be in the future. No key was created.");
        await WebAppFixture.ScreenshotAsync(session.Page, "admin-key-refused-desktop");
        var keys = await web.Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/keys");
        Assert.DoesNotContain(keys.EnumerateArray(), k => k.GetProperty("name").GetString() == "refused-form-key");
    }

    [Fact]
    public async Task ForgedAntiforgeryToken_IsRefusedWithAPage_AndNothingChanges()
    {
        await using var session = await web.OpenAsync();
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey, "/admin");
        await session.Page.FillAsync("#key-name", "forged-form-key");
        await session.Page.Locator("form:has(#key-name) input[name=__RequestVerificationToken]").EvaluateAsync("e => e.value = e.value.slice(0, -4) + 'AAAA'");

        var response = await session.Page.RunAndWaitForResponseAsync(() => session.Page.ClickAsync("button:has-text('Create the key')"), r => r.Request.Method == "POST");

        Assert.Equal((int)HttpStatusCode.BadRequest, response.Status);
        await Expect(session.Page.Locator("main")).ToContainTextAsync("security token was missing, forged or from an older session. Nothing was changed");
        var keys = await web.Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/keys");
        Assert.DoesNotContain(keys.EnumerateArray(), k => k.GetProperty("name").GetString() == "forged-form-key");
    }

    [Fact]
    public async Task FormPostedWithoutAnAntiforgeryToken_IsRefused()
    {
        await using var session = await web.OpenAsync();
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey);

        var response = await session.PostFormAsync("/admin?handler=Create", new Dictionary<string, string> { ["name"] = "no-token-key", ["scopes"] = "admin" });

        Assert.Equal((int)HttpStatusCode.BadRequest, response.Status);
        var keys = await web.Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/keys");
        Assert.DoesNotContain(keys.EnumerateArray(), k => k.GetProperty("name").GetString() == "no-token-key");
    }

    [Theory]
    [InlineData("/teams/no-such-team", 404, "There is no team “no-such-team” in the catalog.")]
    [InlineData("/services/no-such-service", 404, "There is no service “no-such-service” in the catalog.")]
    [InlineData("/?from=2026-03-01&to=2026-02-01", 400, "The address has a bad 'to': it must be after from (2026-03-01)")]
    [InlineData("/nps?from=yesterday", 400, "The address has a bad 'from': it must be a date YYYY-MM-DD")]
    [InlineData("/?sort=salary", 400, "The address has a bad 'sort'")]
    [InlineData("/export/happiness.csv", 404, "There is no metric “happiness”.")]
    [InlineData("/reports/00000000-0000-0000-0000-000000000001.pdf", 404, "There is no report")]
    [InlineData("/surveys/00000000-0000-0000-0000-000000000001", 404, "There is no survey campaign")]
    [InlineData("/no/such/page", 404, "There is no page at this address.")]
    public async Task BadAddress_IsAnsweredWithAPageThatSaysWhat(string path, int status, string message)
    {
        await using var session = await web.OpenAsync();
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey);

        var response = await session.GotoAsync(path);

        Assert.Equal(status, response.Status);
        Assert.StartsWith("text/html", response.Headers["content-type"], StringComparison.Ordinal);
        await Expect(session.Page.Locator("main")).ToContainTextAsync(message);
        Assert.DoesNotContain("Exception", await session.Page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsDashboard_OpensForAnAdminsSession_NotForAViewers()
    {
        await using var admin = await web.OpenAsync();
        await admin.SignInWithKeyAsync(InsightsTestServer.AdminKey, "/admin");
        await admin.ClickAndWaitAsync("a:has-text('Jobs dashboard')");
        Assert.Contains("/hangfire", admin.Page.Url, StringComparison.Ordinal);
        await Expect(admin.Page.Locator("body")).ToContainTextAsync("Platform Insights — jobs");

        await using var viewer = await web.OpenAsync();
        await viewer.SignInWithKeyAsync(await CreateKeyAsync("web-jobs-viewer", ["read"]));
        // A browser would prompt for Basic credentials: the session alone is not enough.
        var dashboard = await viewer.Page.APIRequest.GetAsync(new Uri(viewer.Address, "/hangfire").ToString());
        Assert.Equal((int)HttpStatusCode.Unauthorized, dashboard.Status);
        Assert.StartsWith("Basic", dashboard.Headers["www-authenticate"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_KeepsItsProblemDocuments_AndPagesNeedASession()
    {
        using var browserless = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = web.Server.Address };
        var page = await browserless.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/sign-in", page.Headers.Location!.AbsolutePath);

        // A key is no session: the API's own answers are unchanged.
        var api = await web.Server.Anonymous.GetAsync("/api/v1/metrics/lead-time");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        browserless.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", InsightsTestServer.AdminKey);
        var withKey = await browserless.GetAsync("/teams/payments");
        Assert.Equal(HttpStatusCode.Redirect, withKey.StatusCode);
    }

    private async Task<string> CreateKeyAsync(string name, string[] scopes) => (await CreateKeyWithIdAsync(name, scopes)).Key;

    private async Task<(Guid Id, string Key)> CreateKeyWithIdAsync(string name, string[] scopes)
    {
        var response = await web.Server.Client.PostAsJsonAsync("/api/v1/keys", new { name = name + "-" + Guid.NewGuid().ToString("N")[..6], scopes });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetGuid(), body.GetProperty("key").GetString()!);
    }
}
