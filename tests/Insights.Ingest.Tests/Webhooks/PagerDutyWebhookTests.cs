using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Insights.TestSupport;

namespace Insights.Ingest.Tests.Webhooks;

/// <summary>PagerDuty v3 deliveries built from its documented shape, signed as PagerDuty signs them.</summary>
public sealed class PagerDutyWebhookTests : IAsyncLifetime
{
    private const string Secret = "pd-webhook-secret";
    private InsightsTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await InsightsTestServer.StartAsync(new Dictionary<string, string?> { ["INSIGHTS_PAGERDUTY_WEBHOOK_SECRET"] = Secret });
        await _server.PushAsync("services", new[] { new { name = "checkout", team = "payments", pagerduty_service_id = "PSVC001" } });
        await _server.FlushAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Delivery(string type, string status, string occurred, string incident = "Q2HOOK") => JsonSerializer.Serialize(new
    {
        @event = new
        {
            id = Guid.NewGuid().ToString("N"),
            event_type = type,
            resource_type = "incident",
            occurred_at = occurred,
            agent = new { html_url = "https://acme.pagerduty.com/users/PUSER", id = "PUSER", self = "https://api.pagerduty.com/users/PUSER", summary = "Ada", type = "user_reference" },
            client = (object?)null,
            data = new
            {
                id = incident,
                type = "incident",
                self = $"https://api.pagerduty.com/incidents/{incident}",
                html_url = $"https://acme.pagerduty.com/incidents/{incident}",
                number = 42,
                status,
                incident_key = "checkout-errors",
                created_at = "2026-03-02T10:00:00Z",
                title = "Checkout error rate above 5%",
                service = new { html_url = "https://acme.pagerduty.com/services/PSVC001", id = "PSVC001", self = "https://api.pagerduty.com/services/PSVC001", summary = "Checkout API", type = "service_reference" },
                assignees = Array.Empty<object>(),
                escalation_policy = new { id = "PEP", summary = "Payments", type = "escalation_policy_reference" },
                teams = new[] { new { html_url = "https://acme.pagerduty.com/teams/PTEAM", id = "PTEAM", self = "https://api.pagerduty.com/teams/PTEAM", summary = "Payments", type = "team_reference" } },
                priority = (object?)null,
                urgency = "high",
                conference_bridge = (object?)null,
                resolve_reason = (object?)null,
            },
        },
    });

    private Task<HttpResponseMessage> DeliverAsync(string body, string signatureHeader)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/pagerduty") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-PagerDuty-Signature", signatureHeader);
        request.Headers.Add("X-Webhook-Id", "PWEBHOOK");
        return _server.Anonymous.SendAsync(request);
    }

    [Fact]
    public async Task TriggeredThenResolved_IsOneIncident_RestoredInHalfAnHour()
    {
        var triggered = Delivery("incident.triggered", "triggered", "2026-03-02T10:00:05Z");
        var resolved = Delivery("incident.resolved", "resolved", "2026-03-02T10:30:00Z");

        // During a secret rotation PagerDuty sends one signature per secret; any match is enough.
        var first = await DeliverAsync(triggered, $"v1={WebhookSigning.Hex("old-secret", triggered)},v1={WebhookSigning.Hex(Secret, triggered)}");
        var retried = await DeliverAsync(triggered, $"v1={WebhookSigning.Hex(Secret, triggered)}");
        var second = await DeliverAsync(resolved, $"v1={WebhookSigning.Hex(Secret, resolved)}");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        await _server.FlushAsync();
        var rows = await _server.ClickHouse.QueryAsync<Dictionary<string, JsonElement>>("SELECT * FROM incidents FINAL");
        var incident = Assert.Single(rows);
        Assert.Equal("checkout", incident["service"].GetString());
        Assert.Equal("2026-03-02 10:30:00", incident["resolved_at"].GetString());
        var restore = await _server.Client.GetFromJsonAsync<JsonElement>("/api/v1/metrics/incident-restore-time?from=2026-03-02&to=2026-03-03&team=payments");
        Assert.Equal(0.5, restore.GetProperty("summary").GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Acknowledgement_IsKept_WhenTheResolutionArrives_WithTheIncidentsNumberLinkAndTeams()
    {
        foreach (var (type, status, at) in new[] { ("incident.triggered", "triggered", "2026-03-04T08:00:00Z"), ("incident.acknowledged", "acknowledged", "2026-03-04T08:04:00Z"), ("incident.resolved", "resolved", "2026-03-04T08:45:00Z") })
        {
            var body = Delivery(type, status, at, "QACK");
            // Delivered back to back: all three may wait in the spool together.
            Assert.Equal(HttpStatusCode.Accepted, (await DeliverAsync(body, $"v1={WebhookSigning.Hex(Secret, body)}")).StatusCode);
        }

        await _server.FlushAsync();
        // The resolution carries no acknowledgement; the incident's time to acknowledge keeps the first one.
        var items = await _server.Client.GetFromJsonAsync<JsonElement>("/api/v1/metrics/incident-restore-time/items?from=2026-03-04&to=2026-03-05");
        var item = Assert.Single(items.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == "QACK");
        Assert.Equal("2026-03-04T08:04:00Z", item.GetProperty("acknowledged_at").GetString());
        Assert.Equal(46.07, Math.Round(item.GetProperty("acknowledge_hours").GetDouble(), 2)); // started 2 Mar 10:00
        var incident = Assert.Single(await _server.ClickHouse.QueryAsync<Dictionary<string, JsonElement>>("SELECT * FROM incidents FINAL WHERE id = 'QACK'"));
        Assert.Equal("2026-03-04 08:45:00", incident["resolved_at"].GetString());
        Assert.Equal("42", incident["number"].GetString());
        Assert.Equal("https://acme.pagerduty.com/incidents/QACK", incident["url"].GetString());
        Assert.Equal(["Payments"], incident["teams"].EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("high", incident["severity"].GetString());
    }

    [Fact]
    public async Task EventsDeliveredOutOfOrder_LeaveTheIncidentAsTheLatestSays()
    {
        // The resolution overtakes the trigger and the acknowledgement: the incident stays resolved.
        // A later reopening opens it again, and the resolution's retry (older) does not close it.
        var deliveries = new[]
        {
            (Delivery("incident.resolved", "resolved", "2026-03-03T09:40:00Z", "QORDER"), true),
            (Delivery("incident.triggered", "triggered", "2026-03-03T09:00:00Z", "QORDER"), false),
            (Delivery("incident.acknowledged", "acknowledged", "2026-03-03T09:05:00Z", "QORDER"), false),
        };
        foreach (var (body, stored) in deliveries)
        {
            var response = await DeliverAsync(body, $"v1={WebhookSigning.Hex(Secret, body)}");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal(stored, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stored").GetBoolean());
        }

        Assert.Equal("2026-03-03 09:40:00", await ResolvedAtAsync("QORDER"));

        var reopened = Delivery("incident.reopened", "triggered", "2026-03-03T11:00:00Z", "QORDER");
        var retriedResolution = deliveries[0].Item1;
        await DeliverAsync(reopened, $"v1={WebhookSigning.Hex(Secret, reopened)}");
        await DeliverAsync(retriedResolution, $"v1={WebhookSigning.Hex(Secret, retriedResolution)}");
        Assert.Null(await ResolvedAtAsync("QORDER"));
    }

    private async Task<string?> ResolvedAtAsync(string incident)
    {
        await _server.FlushAsync();
        var rows = await _server.ClickHouse.QueryAsync<Dictionary<string, JsonElement>>($"SELECT resolved_at FROM incidents FINAL WHERE id = '{incident}'");
        var resolved = Assert.Single(rows)["resolved_at"];
        return resolved.ValueKind == JsonValueKind.Null ? null : resolved.GetString();
    }

    [Fact]
    public async Task WrongSignature_Is401_AndStoresNothing()
    {
        var body = Delivery("incident.triggered", "triggered", "2026-03-02T10:00:05Z").Replace("Q2HOOK", "QFORGED", StringComparison.Ordinal);

        var wrong = await DeliverAsync(body, $"v1={WebhookSigning.Hex("guess", body)}");
        var missing = await DeliverAsync(body, "");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        await _server.FlushAsync();
        Assert.Equal(0UL, await _server.ClickHouse.QueryScalarAsync<ulong>("SELECT count() FROM incidents WHERE id = 'QFORGED'"));
    }
}
