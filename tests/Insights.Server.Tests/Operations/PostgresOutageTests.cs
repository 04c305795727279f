using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Insights.TestSupport;

namespace Insights.Server.Tests.Operations;

/// <summary>With PostgreSQL down, the server says it is not ready, but metric reads (ClickHouse), pushes and webhooks go on.</summary>
public sealed class PostgresOutageTests
{
    [Fact]
    public async Task PostgresDown_ReadyzFails_ButMetricsAndPushesKeepWorking()
    {
        await using var postgres = await PostgresProcess.StartAsync();
        await postgres.CreateDatabaseAsync("insights");
        await using var server = await InsightsTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Postgres:ConnectionString"] = postgres.ConnectionString("insights"),
            ["INSIGHTS_PAGERDUTY_WEBHOOK_SECRET"] = "pd-secret",
        });
        var created = await server.Client.PostAsJsonAsync("/api/v1/keys", new { name = "dashboard", scopes = new[] { "read" } });
        var reader = server.CreateClient((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/metrics/lead-time")).StatusCode);

        await postgres.StopAsync();

        var ready = await server.Anonymous.GetAsync("/readyz");
        var asAdmin = await server.Client.GetAsync("/api/v1/metrics/deployment-frequency");
        var asReader = await reader.GetAsync("/api/v1/metrics/change-failure-rate");
        var push = await server.PushAsync("incidents", new[] { new { id = "pg-down", service = "s", title = "t", started_at = "2026-03-02T10:00:00Z" } });
        // A webhook's order check needs PostgreSQL; without it the delivery is still stored (GitHub would not retry it).
        var delivery = JsonSerializer.Serialize(new
        {
            @event = new
            {
                id = "01PGDOWN",
                event_type = "incident.resolved",
                resource_type = "incident",
                occurred_at = "2026-03-02T11:00:00Z",
                data = new
                {
                    id = "QPGDOWN",
                    type = "incident",
                    status = "resolved",
                    created_at = "2026-03-02T10:00:00Z",
                    title = "Checkout down",
                    service = new { id = "PSVC", summary = "checkout", type = "service_reference" },
                    urgency = "high",
                },
            },
        });
        using var hook = new HttpRequestMessage(HttpMethod.Post, "/webhooks/pagerduty") { Content = new StringContent(delivery, Encoding.UTF8, "application/json") };
        hook.Headers.Add("X-PagerDuty-Signature", "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData("pd-secret"u8, Encoding.UTF8.GetBytes(delivery))));
        var webhook = await server.Anonymous.SendAsync(hook);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("unreachable", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("postgres").GetString());
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asReader.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, webhook.StatusCode);
        Assert.True((await webhook.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stored").GetBoolean());
        await server.FlushAsync();
        Assert.Equal(1UL, await server.ClickHouse.QueryScalarAsync<ulong>("SELECT count() FROM incidents WHERE id = 'QPGDOWN' AND resolved_at IS NOT NULL"));

        await postgres.StartAgainAsync();
        Assert.Equal(HttpStatusCode.OK, (await server.Anonymous.GetAsync("/readyz")).StatusCode);
    }
}
