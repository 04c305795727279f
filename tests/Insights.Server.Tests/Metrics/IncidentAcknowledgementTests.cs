using System.Net.Http.Json;
using System.Text.Json;
using Insights.TestSupport;

namespace Insights.Server.Tests.Metrics;

/// <summary>
/// Incident time to restore's breakdown: the time to acknowledge (start → first acknowledgement) of the
/// incidents resolved in the range whose acknowledgement is known, on each item and as a median and p90.
/// </summary>
public sealed class IncidentAcknowledgementTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task TimeToAcknowledge_IsOnEachIncident_AndItsMedianInTheBreakdown()
    {
        var prefix = $"a{Guid.NewGuid():N}"[..10];
        var service = $"{prefix}-api";
        var team = $"{prefix}-team";
        string T(int day, int hour, int minute = 0) => IsoTime.Of(new DateTime(2026, 3, day, hour, minute, 0, DateTimeKind.Utc));
        await fixture.Server.PushAllAsync("services", new[] { new { name = service, team, repository = $"{prefix}/api" } });
        await fixture.Server.PushAllAsync("incidents", new object[]
        {
            new { id = $"{prefix}-1", service, title = "Checkout down", severity = "P1", started_at = T(3, 10), acknowledged_at = T(3, 10, 15), resolved_at = T(3, 12), url = "https://acme.pagerduty.com/incidents/Q1" },
            new { id = $"{prefix}-2", service, title = "Slow search", severity = "low", started_at = T(4, 10), acknowledged_at = T(4, 11), resolved_at = T(4, 11) },
            // Resolved without an acknowledgement: it counts in the time to restore, not in the time to acknowledge.
            new { id = $"{prefix}-3", service, title = "Flapping", severity = "high", started_at = T(5, 10), resolved_at = T(5, 10, 30) },
            // Acknowledged, still open: no time to restore yet.
            new { id = $"{prefix}-4", service, title = "Queue backlog", severity = "high", started_at = T(6, 10), acknowledged_at = T(6, 10, 5) },
        });
        await fixture.Server.FlushAsync();

        var items = (await fixture.Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/incident-restore-time/items?from=2026-03-02&to=2026-03-09&team={team}"))
            .GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        var result = await fixture.Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/incident-restore-time?from=2026-03-02&to=2026-03-09&team={team}");

        double? Acknowledge(string id) => items[id].GetProperty("acknowledge_hours") is { ValueKind: JsonValueKind.Number } hours ? hours.GetDouble() : null;
        Assert.Equal([0.25, 1, null, 0.08], new[] { 1, 2, 3, 4 }.Select(i => Acknowledge($"{prefix}-{i}") is { } h ? Math.Round(h, 2) : (double?)null));
        Assert.Equal(("P1", "2026-03-03T10:15:00Z", "https://acme.pagerduty.com/incidents/Q1"),
            (items[$"{prefix}-1"].GetProperty("severity").GetString(), items[$"{prefix}-1"].GetProperty("acknowledged_at").GetString(), items[$"{prefix}-1"].GetProperty("url").GetString()));
        Assert.Equal("not_resolved", items[$"{prefix}-4"].GetProperty("reason").GetString());

        // Restore: 2, 1, 0.5 h → median 1. Acknowledge, of the two resolved and acknowledged: 0.25, 1 → 0.63; p90 0.93 (R-7: 0.925).
        Assert.Equal((1, 3), (result.GetProperty("summary").GetProperty("value").GetDouble(), result.GetProperty("summary").GetProperty("n").GetInt32()));
        var breakdown = result.GetProperty("breakdown");
        Assert.Equal([2, 0.63, 0.93], new[] { "acknowledged_n", "acknowledge_p50_hours", "acknowledge_p90_hours" }.Select(f => breakdown.GetProperty(f).GetDouble()));
    }
}
