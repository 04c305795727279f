using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Insights.Domain.Metrics;
using Insights.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Insights.Server.Tests.Web;

/// <summary>
/// Every page of the web app on the demo organisation, as an admin sees it: accessible (axe: no serious
/// violation), no console error or CSP violation, at desktop and phone width, with a screenshot of each
/// under tests/artifacts/web/; and the figures on the pages are the API's for the same range and scope.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class WebPagesTests(WebAppFixture web)
{
    /// <summary>The default range: the last 12 complete ISO weeks.</summary>
    private static (string From, string To) DefaultRange
    {
        get
        {
            var monday = PeriodCalendar.Monday(DateOnly.FromDateTime(DateTime.UtcNow));
            return (monday.AddDays(-84).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    public static TheoryData<string, string> Pages => new()
    {
        { "overview", "/" },
        { "overview-team", "/?team=payments" },
        { "team", "/teams/payments" },
        { "service", "/services/payments-api" },
        { "adoption", "/adoption" },
        { "onboarding", "/onboarding" },
        { "provisioning", "/provisioning" },
        { "nps", "/nps" },
        { "reports", "/reports" },
        { "surveys", "/surveys" },
        { "admin", "/admin" },
        { "not-found", "/teams/no-such-team" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_IsAccessible_WithoutConsoleErrors_OnADesktopAndAPhone(string name, string path)
    {
        foreach (var (size, label) in new[] { (WebAppFixture.Desktop, "desktop"), (WebAppFixture.Phone, "phone") })
        {
            await using var session = await web.OpenAsync(size);
            await session.SignInWithKeyAsync(InsightsTestServer.AdminKey);

            var response = await session.GotoAsync(path);

            Assert.Equal(name == "not-found" ? 404 : 200, response.Status);
            Assert.Contains("default-src 'none'", response.Headers["content-security-policy"], StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", response.Headers["content-security-policy"], StringComparison.Ordinal);
            await WebAppFixture.ScreenshotAsync(session.Page, $"{name}-{label}");
            Assert.Empty(await WebAppFixture.SeriousViolationsAsync(session.Page));
            Assert.DoesNotContain(session.ConsoleErrors, e => name != "not-found" || !e.Contains("404", StringComparison.Ordinal));
            // Nothing wider than the screen but the tables, which scroll in their own frame.
            var overflow = await session.Page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a {label} screen");
        }
    }

    [Fact]
    public async Task SignInPage_IsAccessible_WithoutConsoleErrors()
    {
        foreach (var (size, label) in new[] { (WebAppFixture.Desktop, "desktop"), (WebAppFixture.Phone, "phone") })
        {
            await using var session = await web.OpenAsync(size);
            await session.GotoAsync("/sign-in");
            await WebAppFixture.ScreenshotAsync(session.Page, $"sign-in-{label}");
            Assert.Empty(await WebAppFixture.SeriousViolationsAsync(session.Page));
            Assert.Empty(session.ConsoleErrors);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("payments")]
    public async Task Overview_ShowsTheApisFigures_ForTheSameRangeAndScope(string? team)
    {
        await using var session = await web.OpenAsync();
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey);
        await session.GotoAsync(team is null ? "/" : $"/?team={team}");
        var (from, to) = DefaultRange;
        var scope = $"from={from}&to={to}" + (team is null ? "" : $"&team={team}");

        var tiles = session.Page.Locator("li.tile");
        Assert.Equal(9, await tiles.CountAsync());
        foreach (var tile in await tiles.AllAsync())
        {
            var metric = (await tile.GetAttributeAsync("data-metric"))!;
            var api = await GetAsync($"/api/v1/metrics/{metric}?{scope}");
            var summary = api.GetProperty("summary");
            Assert.Equal(Raw(summary.GetProperty("value")), await tile.GetAttributeAsync("data-value"));
            Assert.Equal(Raw(summary.GetProperty("n")), await tile.GetAttributeAsync("data-n"));
            if (summary.TryGetProperty("band", out var band) && band.ValueKind == JsonValueKind.String)
            {
                await Expect(tile.Locator(".band")).ToHaveTextAsync(Capitalised(band.GetString()!));
            }
        }

        var dora = await GetAsync($"/api/v1/dora?{scope}");
        var level = dora.GetProperty("overall").GetProperty("band");
        Assert.Equal(level.ValueKind == JsonValueKind.Null ? "" : level.GetString(), await session.Page.Locator("[data-level]").GetAttributeAsync("data-level"));
    }

    [Fact]
    public async Task TeamsTable_ShowsEachTeamsFigures_AsTheApiAnswersForThatTeam()
    {
        await using var session = await web.OpenAsync();
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey);
        await session.GotoAsync("/?sort=lead-time&dir=desc");
        var (from, to) = DefaultRange;

        var rows = await session.Page.Locator("table[data-table=teams] tbody tr").AllAsync();
        Assert.Equal(5, rows.Count);
        double? previous = double.MaxValue;
        foreach (var row in rows)
        {
            var team = (await row.GetAttributeAsync("data-team"))!;
            foreach (var cell in await row.Locator("td[data-metric]").AllAsync())
            {
                var metric = (await cell.GetAttributeAsync("data-metric"))!;
                var api = await GetAsync($"/api/v1/metrics/{metric}?from={from}&to={to}&team={team}");
                Assert.Equal(Raw(api.GetProperty("summary").GetProperty("value")), await cell.GetAttributeAsync("data-value"));
            }

            // Sorted by lead time, longest first (teams without a figure last).
            var lead = await row.Locator("td[data-metric=lead-time]").GetAttributeAsync("data-value");
            var value = lead is { Length: > 0 } ? double.Parse(lead, CultureInfo.InvariantCulture) : (double?)null;
            Assert.True(value is null || value <= previous, $"{team}'s lead time {value} after {previous}");
            previous = value ?? previous;
        }

        await Expect(session.Page.Locator("th[aria-sort=descending]")).ToContainTextAsync("Lead time");
    }

    [Fact]
    public async Task Adoption_ShowsEachTeamsBeforeAndAfter_AsTheImpactApi_WithWarningsForShortBeforeWindows()
    {
        await using var session = await web.OpenAsync();
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey);
        await session.GotoAsync("/adoption");

        var cards = await session.Page.Locator("[data-list=impact] > section").AllAsync();
        Assert.NotEmpty(cards);
        var warned = 0;
        foreach (var card in cards)
        {
            var team = (await card.GetAttributeAsync("data-team"))!;
            var api = (await GetAsync($"/api/v1/impact?team={team}&weeks=12")).GetProperty("team");
            foreach (var row in await card.Locator("tr[data-metric]").AllAsync())
            {
                var metric = (await row.GetAttributeAsync("data-metric"))!;
                Assert.Equal(Raw(api.GetProperty("before").GetProperty("metrics").GetProperty(metric).GetProperty("value")), await row.GetAttributeAsync("data-before"));
                Assert.Equal(Raw(api.GetProperty("after").GetProperty("metrics").GetProperty(metric).GetProperty("value")), await row.GetAttributeAsync("data-after"));
            }

            // The demo holds 13 weeks of deployments: every 12-week "before" window starts before them.
            if (await card.GetAttributeAsync("data-warnings") != "0")
            {
                warned++;
                await Expect(card.Locator(".warning")).ToContainTextAsync("“Before” starts on");
            }
        }

        Assert.Equal(cards.Count, warned);
        var organisation = await GetAsync($"/api/v1/metrics/adoption-rate?from={DefaultRange.From}&to={DefaultRange.To}");
        Assert.Equal(Raw(organisation.GetProperty("summary").GetProperty("value")), await session.Page.Locator("section[data-metric=adoption-rate]").GetAttributeAsync("data-value"));
    }

    [Theory]
    [InlineData("/onboarding", "onboarding-time", 26)]
    [InlineData("/provisioning", "provisioning-time", 12)]
    [InlineData("/nps", "nps", 12)]
    public async Task PeoplePages_ShowTheApisFigures_AndHideWhatTheApiHides(string path, string metric, int weeks)
    {
        await using var session = await web.OpenAsync();
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey);
        await session.GotoAsync(path);
        var monday = PeriodCalendar.Monday(DateOnly.FromDateTime(DateTime.UtcNow));
        var range = $"from={monday.AddDays(-7 * weeks):yyyy-MM-dd}&to={monday:yyyy-MM-dd}";

        var summary = (await GetAsync($"/api/v1/metrics/{metric}?{range}")).GetProperty("summary");
        Assert.Equal(Raw(summary.GetProperty("value")), await session.Page.Locator($"section[data-metric={metric}]").GetAttributeAsync("data-value"));
        foreach (var row in await session.Page.Locator("table[data-table=by-team] tbody tr").AllAsync())
        {
            var team = (await row.GetAttributeAsync("data-team"))!;
            var answer = (await GetAsync($"/api/v1/metrics/{metric}?{range}&team={team}")).GetProperty("summary");
            Assert.Equal(Raw(answer.GetProperty("value")), await row.GetAttributeAsync("data-value"));
            if (answer.TryGetProperty("suppressed", out var suppressed) && suppressed.GetBoolean())
            {
                await Expect(row).ToContainTextAsync("hidden: fewer than");
            }
        }
    }

    [Fact]
    public async Task CsvDownload_IsTheApisSeriesCsv_ForTheSameScopeAndRange()
    {
        await using var session = await web.OpenAsync();
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey);
        await session.GotoAsync("/teams/payments");

        var download = await session.Page.RunAndWaitForDownloadAsync(() => session.Page.ClickAsync("#chart-lead-time-h ~ a.csv"));
        var path = await download.PathAsync();
        var (from, to) = DefaultRange;

        Assert.Equal($"lead-time-payments-{from}-{to}.csv", download.SuggestedFilename);
        var api = await web.Server.Client.GetStringAsync($"/api/v1/metrics/lead-time/series.csv?team=payments&from={from}&to={to}");
        Assert.Equal(api, await File.ReadAllTextAsync(path));
        Assert.Equal(13, api.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Reports_MakeOneNow_ThenOpenItsPdfInTheBrowser()
    {
        await using var session = await web.OpenAsync();
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey, "/reports");
        await session.Page.SelectOptionAsync("#team", "payments");

        await session.ClickAndWaitAsync("button:has-text('Make the report')");

        var made = session.Page.GetByRole(AriaRole.Status);
        await Expect(made).ToContainTextAsync("for team payments");
        var href = (await made.Locator("a").GetAttributeAsync("href"))!;
        Assert.Matches("^/reports/[0-9a-f-]{36}\\.pdf$", href);
        await Expect(session.Page.Locator($"table[data-table=reports] a[href='{href}']")).ToHaveCountAsync(1);

        // The session's cookie opens it (no key, no Basic prompt); shown inline, as a PDF.
        var pdf = await session.Page.APIRequest.GetAsync(new Uri(session.Address, href).ToString());
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.StartsWith("inline;", pdf.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..4]));
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = web.Server.Address };
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync(href)).StatusCode);

        // The report's API address (its pdf_url) opens for the session as well, without a key or a prompt;
        // without a session it stays the API's (401), and a key still gets the API's own answer.
        var id = href["/reports/".Length..^".pdf".Length];
        var viaApi = await session.Page.APIRequest.GetAsync(new Uri(session.Address, $"/api/v1/reports/{id}.pdf").ToString());
        Assert.Equal(200, viaApi.Status);
        Assert.Equal("application/pdf", viaApi.Headers["content-type"]);
        Assert.EndsWith(href, viaApi.Url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/reports/{id}.pdf")).StatusCode);
        using var withKey = await web.Server.Client.GetAsync($"/api/v1/reports/{id}.pdf");
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Equal($"/api/v1/reports/{id}.pdf", withKey.RequestMessage!.RequestUri!.AbsolutePath);
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        var response = await web.Server.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} → {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A JSON number as the page writes it in data attributes ("" for null).</summary>
    private static string Raw(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Capitalised(string band) => char.ToUpperInvariant(band[0]) + band[1..];
}
