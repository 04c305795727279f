using System.Globalization;
using System.Net;
using System.Text.Json;
using Insights.Domain.Metrics;
using Insights.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Insights.Server.Tests.Web;

/// <summary>
/// The drill-down: from a figure to the rows behind it (/items/{metric}), which are the items API's rows
/// for the same question — counted and not, each left-out row with its reason — paged by the API's
/// cursor, filtered, downloaded as the items CSV; a viewer limited to a team sees only its rows, and NPS
/// lists none.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class WebItemsTests(WebAppFixture web)
{
    private static (string From, string To) DefaultRange
    {
        get
        {
            var monday = PeriodCalendar.Monday(DateOnly.FromDateTime(DateTime.UtcNow));
            return (monday.AddDays(-84).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task DrillDown_FromTheOverview_ShowsTheItemsApisRows_PagesByItsCursor_FiltersAndDownloadsTheCsv()
    {
        await using var session = await web.OpenAsync();
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey);
        var (from, to) = DefaultRange;
        var question = $"from={from}&to={to}";

        await session.ClickAndWaitAsync("li.tile[data-metric=lead-time] a[data-rows]");

        Assert.Contains("/items/lead-time", session.Page.Url, StringComparison.Ordinal);
        await Expect(session.Page.Locator("h1")).ToHaveTextAsync("Rows behind Lead time for changes");
        var summary = (await GetAsync($"/api/v1/metrics/lead-time?{question}")).GetProperty("summary");
        Assert.Equal(Raw(summary.GetProperty("value")), await session.Page.Locator("[aria-label='The figure']").GetAttributeAsync("data-value"));
        var first = await GetAsync($"/api/v1/metrics/lead-time/items?{question}");
        await AssertRowsAsync(session, first);
        await WebAppFixture.ScreenshotAsync(session.Page, "items-desktop");
        Assert.Empty(await WebAppFixture.SeriousViolationsAsync(session.Page));

        // The next page continues where the API's does.
        Assert.Equal(JsonValueKind.String, first.GetProperty("next_cursor").ValueKind);
        await session.ClickAndWaitAsync("a[data-next]");
        var second = await GetAsync($"/api/v1/metrics/lead-time/items?{question}&cursor={Uri.EscapeDataString(first.GetProperty("next_cursor").GetString()!)}");
        await AssertRowsAsync(session, second);

        // Only the rows left out, each with its reason and explanation, as the API lists them.
        await session.ClickAndWaitAsync("nav.presets a:has-text('Not counted')");
        var left = await GetAsync($"/api/v1/metrics/lead-time/items?{question}&counted=false");
        Assert.NotEmpty(left.GetProperty("items").EnumerateArray());
        await AssertRowsAsync(session, left);
        await Expect(session.Page.Locator("table[data-table=items] tbody tr[data-counted=true]")).ToHaveCountAsync(0);
        await session.Page.ClickAsync("table[data-table=items] tbody tr:first-child details.fields summary");
        await Expect(session.Page.Locator("table[data-table=items] tbody tr:first-child dl.facts")).ToBeVisibleAsync();
        await WebAppFixture.ScreenshotAsync(session.Page, "items-not-counted-desktop");
        Assert.Empty(await WebAppFixture.SeriousViolationsAsync(session.Page));

        // The CSV of the page's question is the API's items CSV.
        var download = await session.Page.RunAndWaitForDownloadAsync(() => session.Page.ClickAsync("a[data-csv]"));
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Equal($"lead-time-items-organisation-{from}-{to}.csv", download.SuggestedFilename);
        Assert.Equal(await web.Server.Client.GetStringAsync($"/api/v1/metrics/lead-time/items.csv?{question}&counted=false"), csv);
        Assert.Equal(left.GetProperty("items").GetArrayLength() + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task DrillDown_FromAWeekOfATeamsChart_ShowsThatWeeksRows_OnAPhoneToo()
    {
        await using var session = await web.OpenAsync(WebAppFixture.Phone);
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey, "/teams/payments");
        var (from, to) = DefaultRange;
        var week = DateOnly.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(7 * 11).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var link = session.Page.Locator($"#chart-change-failure-rate-h ~ details a[href*='period={week}']");
        await session.Page.ClickAsync("#chart-change-failure-rate-h ~ details summary");
        await link.ClickAsync();
        await session.Page.WaitForURLAsync(url => url.Contains("/items/change-failure-rate", StringComparison.Ordinal));

        var api = await GetAsync($"/api/v1/metrics/change-failure-rate/items?team=payments&from={from}&to={to}&period={week}");
        await AssertRowsAsync(session, api);
        var point = (await GetAsync($"/api/v1/metrics/change-failure-rate?team=payments&from={from}&to={to}")).GetProperty("series").EnumerateArray()
            .First(p => p.GetProperty("period_start").GetString() == week);
        Assert.Equal(Raw(point.GetProperty("value")), await session.Page.Locator("[aria-label='The figure']").GetAttributeAsync("data-value"));
        await WebAppFixture.ScreenshotAsync(session.Page, "items-phone");
        Assert.Empty(await WebAppFixture.SeriousViolationsAsync(session.Page));
        var overflow = await session.Page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the rows page is {overflow}px wider than a phone");
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task ViewerLimitedToATeam_SeesOnlyItsRows_AndAnotherTeamsRowsAre403()
    {
        await using var session = await web.OpenAsync();
        await session.SignInWithProviderAsync("tina");

        // Their overview is their team's; its figures lead to their team's rows only.
        await session.ClickAndWaitAsync("li.tile[data-metric=deployment-frequency] a[data-rows]");
        var teams = await session.Page.Locator("table[data-table=items] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.cells[2].textContent)");
        Assert.NotEmpty(teams);
        Assert.All(teams, t => Assert.EndsWith("· payments", t.Trim(), StringComparison.Ordinal));

        foreach (var path in new[] { "/items/lead-time?team=checkout", "/items/lead-time.csv?team=checkout", "/items/lead-time?service=checkout-web" })
        {
            var refused = await session.GotoAsync(path);
            Assert.Equal((int)HttpStatusCode.Forbidden, refused.Status);
        }

        await Expect(session.Page.Locator("main")).ToContainTextAsync("checkout");
    }

    [Fact]
    public async Task NpsRows_AreNeverListed_APageSaysWhy()
    {
        await using var session = await web.OpenAsync();
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey);

        await session.ClickAndWaitAsync("li.tile[data-metric=nps] a[data-rows]");

        await Expect(session.Page.Locator("main")).ToContainTextAsync("Developer NPS lists no rows, for privacy. Survey answers are anonymous");
        Assert.Equal((int)HttpStatusCode.Forbidden, (await session.GotoAsync("/items/nps")).Status);
        Assert.Equal((int)HttpStatusCode.Forbidden, (await session.GotoAsync("/items/nps.csv")).Status);
        Assert.DoesNotContain("data-table=\"items\"", await session.Page.ContentAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/items/lead-time?counted=maybe", 400, "The address has a bad 'counted'")]
    [InlineData("/items/lead-time?cursor=forged.cursor", 400, "The address has a bad 'cursor'")]
    [InlineData("/items/lead-time?period=2020-01-01", 400, "The address has a bad 'period'")]
    [InlineData("/items/lead-time?golden_path=perhaps", 400, "The address has a bad 'golden_path'")]
    [InlineData("/items/happiness", 404, "There is no metric “happiness”.")]
    [InlineData("/items/lead-time?team=no-such-team", 404, "There is no team “no-such-team” in the catalog.")]
    public async Task BadRowsAddress_IsAnsweredWithAPageThatSaysWhat(string path, int status, string message)
    {
        await using var session = await web.OpenAsync();
        await session.SignInWithKeyAsync(InsightsTestServer.AdminKey);

        var response = await session.GotoAsync(path);

        Assert.Equal(status, response.Status);
        await Expect(session.Page.Locator("main")).ToContainTextAsync(message);
    }

    /// <summary>The page's rows are the API page's items, in order: kind, id, counted, value, reason and its explanation.</summary>
    private static async Task AssertRowsAsync(WebSession session, JsonElement api)
    {
        var items = api.GetProperty("items").EnumerateArray().ToList();
        var rows = session.Page.Locator("table[data-table=items] tbody tr");
        await Expect(rows).ToHaveCountAsync(items.Count);
        var shown = await rows.EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.dataset.kind, r.dataset.id, r.dataset.counted, r.dataset.value, r.dataset.reason || '', r.cells[5].textContent.trim()])");
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var reason = item.GetProperty("reason").ValueKind == JsonValueKind.String ? item.GetProperty("reason").GetString()! : "";
            Assert.Equal(
                [item.GetProperty("kind").GetString()!, item.GetProperty("id").GetString()!, item.GetProperty("counted").GetBoolean() ? "true" : "false", Raw(item.GetProperty("value")), reason],
                shown[i][..5]);
            if (reason.Length > 0)
            {
                Assert.Contains(item.GetProperty("explanation").GetString()!, shown[i][5], StringComparison.Ordinal);
            }
        }
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        var response = await web.Server.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} → {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Raw(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
    };
}
