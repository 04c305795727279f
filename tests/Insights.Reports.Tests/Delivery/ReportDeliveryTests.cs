using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Insights.Reports.Tests.Support;
using Insights.TestSupport;
using MimeKit;

namespace Insights.Reports.Tests.Delivery;

/// <summary>E-mail delivery against a real SMTP server on loopback, through the real Hangfire jobs.</summary>
public sealed class ReportDeliveryTests : IAsyncLifetime
{
    private const string Recipient = "cto@test.example";
    private const string PublicUrl = "https://insights.test.example/";
    private readonly string _passwordVariable = "INSIGHTS_TEST_SMTP_PASSWORD_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private SmtpSink _sink = null!;
    private InsightsTestServer _server = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(_passwordVariable, "s3cret");
        _sink = SmtpSink.Start();
        _server = await InsightsTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Insights:Role"] = "all",
            ["Reports:Smtp:Host"] = "127.0.0.1",
            ["Reports:Smtp:Port"] = _sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Reports:Smtp:Security"] = "none",
            ["Reports:Smtp:User"] = "reports",
            ["Reports:Smtp:PasswordEnv"] = _passwordVariable,
            ["Reports:Smtp:From"] = "Platform Insights <insights@test.example>",
            ["Reports:Smtp:Recipients:0"] = Recipient,
            ["Reports:Smtp:RetryDelaySeconds"] = "1",
            ["Reports:Smtp:MaxAttempts"] = "3",
            ["Reports:PublicUrl"] = PublicUrl,
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _sink.DisposeAsync();
        Environment.SetEnvironmentVariable(_passwordVariable, null);
    }

    [Fact]
    public async Task RefusedSend_IsRetried_AndTheMessageArrivesWithThePdfAttached()
    {
        _sink.RefuseNext(1);

        var made = await ReportApi.CreateAsync(_server.Client, new { week = "2026-W10", deliver = true });
        var message = await _sink.WaitForMessageAsync(TimeSpan.FromSeconds(60));
        var report = made.GetProperty("reports")[0];
        var pdf = await ReportApi.PdfAsync(_server.Client, report);

        Assert.Equal(2, _sink.Attempts);
        Assert.Equal([Recipient], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("insights@test.example", message.From.Mailboxes.Single().Address);
        Assert.Contains("2026-W10", message.Subject, StringComparison.Ordinal);
        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        Assert.Equal("platform-insights-2026-W10-organisation.pdf", attachment.FileName);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Equal(pdf, content.ToArray());
        Assert.Contains(("reports", "s3cret"), _sink.Logins);
        // The message links the report at the public address, signed: it opens without a key.
        var link = message.TextBody!.Split('\n').Single(line => line.StartsWith(PublicUrl, StringComparison.Ordinal)).Trim();
        Assert.StartsWith($"{PublicUrl}api/v1/reports/{report.GetProperty("id").GetString()}/download?expires=", link, StringComparison.Ordinal);
        using var opened = await _server.Anonymous.GetAsync(link[(PublicUrl.Length - 1)..]);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(pdf, await opened.Content.ReadAsByteArrayAsync());

        var delivery = await DeliveryAsync("2026-W10", d => d.GetProperty("status").GetString() == "sent");
        Assert.Equal(2, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal([Recipient], delivery.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("last_error").ValueKind);
    }

    [Fact]
    public async Task SendRefusedEveryTime_IsMarkedFailedAfterTheLastAttempt_AndStaysListedWithItsError()
    {
        _sink.RefuseAll = true;
        try
        {
            await ReportApi.CreateAsync(_server.Client, new { week = "2026-W09", deliver = true });

            var delivery = await DeliveryAsync("2026-W09", d => d.GetProperty("status").GetString() == "failed");

            Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
            Assert.Contains(SmtpSink.RefusalText, delivery.GetProperty("last_error").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, delivery.GetProperty("sent_at").ValueKind);
        }
        finally
        {
            _sink.RefuseAll = false;
        }
    }

    [Fact]
    public async Task ReportWithoutDeliver_IsNotEmailed()
    {
        var made = await ReportApi.CreateAsync(_server.Client, new { week = "2026-W08" });

        Assert.Empty(made.GetProperty("reports")[0].GetProperty("deliveries").EnumerateArray());
        var listed = await _server.Client.GetFromJsonAsync<JsonElement>("/api/v1/reports?week=2026-W08");
        Assert.Empty(listed[0].GetProperty("deliveries").EnumerateArray());
    }

    /// <summary>Polls the report list until the week's first delivery satisfies <paramref name="done"/>.</summary>
    private async Task<JsonElement> DeliveryAsync(string week, Func<JsonElement, bool> done)
    {
        JsonElement last = default;
        for (var i = 0; i < 300; i++)
        {
            using var response = await _server.Client.GetAsync($"/api/v1/reports?week={week}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var reports = await response.Content.ReadFromJsonAsync<JsonElement>();
            var deliveries = reports[0].GetProperty("deliveries");
            if (deliveries.GetArrayLength() > 0)
            {
                last = deliveries[0];
                if (done(last))
                {
                    return last;
                }
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"The delivery of {week} did not get there within 60 s: {last}");
    }
}
