using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Insights.Reports.Links;
using Insights.Reports.Tests.Support;
using Insights.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Insights.Reports.Tests.Apis;

/// <summary>
/// Reports open in a browser: listed links are signed, expire and are revoked by rotating the key (which every
/// instance sharing the PostgreSQL sees); the PDF route itself asks a browser for Basic credentials.
/// </summary>
public sealed class ReportLinksTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InsightsTestServer Server => fixture.Server;

    [Fact]
    public async Task ListedLink_OpensThePdfWithoutAKey_ForAnHour()
    {
        var report = await ReportAsync("2026-W06");

        var url = report.GetProperty("download_url").GetString()!;
        using var opened = await Server.Anonymous.GetAsync(url);

        Assert.StartsWith($"/api/v1/reports/{report.GetProperty("id").GetString()}/download?expires=", url, StringComparison.Ordinal);
        var expiresAt = report.GetProperty("download_expires_at").GetDateTime();
        Assert.InRange(expiresAt - DateTime.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("application/pdf", opened.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("inline", opened.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        Assert.True(opened.Headers.CacheControl is { Private: true, NoStore: true }, "the link is the credential: not for shared caches");
        Assert.Equal(await ReportApi.PdfAsync(Server.Client, report), await opened.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ExpiredLink_IsGone_AndSaysWhen()
    {
        var report = await ReportAsync("2026-W07");
        var links = Server.Services.GetRequiredService<ReportLinks>();
        var expired = await links.SignAsync(Guid.Parse(report.GetProperty("id").GetString()!), TimeSpan.FromSeconds(-1), CancellationToken.None);

        using var response = await Server.Anonymous.GetAsync(expired.Url);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Link expired", problem.GetProperty("title").GetString());
        Assert.Contains($"expired at {expired.ExpiresAt:yyyy-MM-dd HH:mm} UTC", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AlteredLink_IsRefused_WhateverPartChanged()
    {
        var first = await ReportAsync("2026-W08");
        var other = await ReportAsync("2026-W11");
        var url = first.GetProperty("download_url").GetString()!;
        var query = url[url.IndexOf('?', StringComparison.Ordinal)..];
        var expires = long.Parse(query.Split('&')[0]["?expires=".Length..], System.Globalization.CultureInfo.InvariantCulture);

        string[] altered =
        [
            url.Replace($"expires={expires}", $"expires={expires + 3600}", StringComparison.Ordinal),
            url[..^3] + (url[^3] == 'A' ? "B" : "A") + url[^2..],
            $"/api/v1/reports/{other.GetProperty("id").GetString()}/download{query}",
            url[..url.IndexOf("&signature", StringComparison.Ordinal)],
        ];
        foreach (var link in altered)
        {
            using var response = await Server.Anonymous.GetAsync(link);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("Link not valid", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task RotatingTheKey_RevokesEveryEarlierLink_OnEveryInstanceSharingThePostgreSql()
    {
        var report = await ReportAsync("2026-W12");
        var before = report.GetProperty("download_url").GetString()!;
        await using var second = await InsightsTestServer.StartAsync(reuse: Server);
        using (var elsewhere = await second.Anonymous.GetAsync(before))
        {
            // Signed by one instance, opened by another.
            Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        }

        using var rotated = await second.Client.PostAsync("/api/v1/reports/link-key/rotate", null);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);

        using (var revoked = await second.Anonymous.GetAsync(before))
        {
            Assert.Equal(HttpStatusCode.Forbidden, revoked.StatusCode);
        }

        // The first instance signs with the new key at once.
        var fresh = (await Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/reports?week=2026-W12"))[0].GetProperty("download_url").GetString()!;
        using var reopened = await second.Anonymous.GetAsync(fresh);
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
    }

    [Fact]
    public async Task Pdf_AsksABrowserForBasicCredentials_AndTakesAnAdminKeyAsThePassword()
    {
        var report = await ReportAsync("2026-W13");
        var pdfUrl = report.GetProperty("pdf_url").GetString()!;

        using var anonymous = await Server.Anonymous.GetAsync(pdfUrl);
        var basic = Server.CreateClient(null);
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("vp:" + InsightsTestServer.AdminKey)));
        using var signedIn = await basic.GetAsync(pdfUrl);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(["Basic", "Bearer"], anonymous.Headers.WwwAuthenticate.Select(h => h.Scheme));
        Assert.Contains("realm=\"Platform Insights reports", anonymous.Headers.WwwAuthenticate.First().Parameter);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal("application/pdf", signedIn.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task InChromium_TheListedLinkAndThePdfRouteBothOpen_WithoutAnApiKeyHeader()
    {
        var report = await ReportAsync("2026-W14");
        var expected = await ReportApi.PdfAsync(Server.Client, report);
        await using var chromium = await HeadlessChromium.LaunchAsync();

        // A leader clicks the link: no key, no prompt.
        var link = await chromium.NewPageAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        Assert.Equal(expected, await OpenPdfAsync(link, new Uri(Server.Address, report.GetProperty("download_url").GetString())));

        // An admin opens the route itself: the browser is challenged and answers with Basic credentials.
        var signedIn = await chromium.NewPageAsync(new BrowserNewContextOptions
        {
            AcceptDownloads = true,
            HttpCredentials = new HttpCredentials { Username = "admin", Password = InsightsTestServer.AdminKey },
        });
        Assert.Equal(expected, await OpenPdfAsync(signedIn, new Uri(Server.Address, report.GetProperty("pdf_url").GetString())));
    }

    /// <summary>
    /// Goes to <paramref name="url"/> as a reader would and returns the PDF the browser got: Chromium answers the
    /// navigation with its PDF viewer (or, without one, a download), so the bytes are read back through the page,
    /// with the page's own credentials.
    /// </summary>
    private static async Task<byte[]> OpenPdfAsync(IPage page, Uri url)
    {
        var downloaded = page.WaitForDownloadAsync(new() { Timeout = 0 });
        try
        {
            var response = await page.GotoAsync(url.ToString());
            Assert.Equal((int)HttpStatusCode.OK, response!.Status);
            Assert.Equal("application/pdf", await response.HeaderValueAsync("content-type"));
            var base64 = await page.EvaluateAsync<string>("""
                async () => {
                    const bytes = new Uint8Array(await (await fetch(location.href)).arrayBuffer());
                    let text = '';
                    for (const b of bytes) text += String.fromCharCode(b);
                    return btoa(text);
                }
                """);
            return Convert.FromBase64String(base64);
        }
        catch (PlaywrightException ex) when (ex.Message.Contains("Download is starting", StringComparison.Ordinal))
        {
            var download = await downloaded;
            Assert.Null(await download.FailureAsync());
            return await File.ReadAllBytesAsync((await download.PathAsync())!);
        }
    }

    private async Task<JsonElement> ReportAsync(string week)
    {
        await ReportApi.CreateAsync(Server.Client, new { week });
        return (await Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/reports?week={week}"))[0];
    }
}
