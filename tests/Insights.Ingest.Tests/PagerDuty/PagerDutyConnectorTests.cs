using System.Text.Json;
using Insights.Ingest.Tests.Connectors;

namespace Insights.Ingest.Tests.PagerDuty;

public sealed class PagerDutyConnectorTests
{
    public static object Incident(string id, string created, string status, string? resolved, string serviceId = "PSVC001", string serviceName = "Checkout API") => new
    {
        id,
        type = "incident",
        summary = $"[#{id}] Checkout errors",
        incident_number = 1000,
        title = "Checkout errors",
        status,
        urgency = "high",
        created_at = created,
        resolved_at = resolved,
        last_status_change_at = resolved ?? created,
        service = new { id = serviceId, type = "service_reference", summary = serviceName },
        teams = Array.Empty<object>(),
        priority = new { id = "P1PRIO", type = "priority_reference", summary = "P1" },
    };

    /// <summary>Incidents whose log holds no acknowledgement (resolved without one).</summary>
    internal static void NoLogEntries(ConnectorHarness harness) =>
        FakeJson.Serve(harness.Fake, r => r.WithPath(new WireMock.Matchers.WildcardMatcher("/incidents/*/log_entries")).UsingGet(),
            new { log_entries = Array.Empty<object>(), limit = 100, offset = 0, more = false, total = (int?)null }, priority: 50);

    [Fact]
    public async Task Sync_PagesByOffset_ThenReadsOnlyNewWindowsAndStillOpenIncidents()
    {
        await using var harness = await ConnectorHarness.StartAsync(url => new Dictionary<string, string?>
        {
            ["Sources:PagerDuty:0:Name"] = "pd",
            ["Sources:PagerDuty:0:BaseUrl"] = url,
            ["Sources:PagerDuty:0:TokenEnv"] = "TEST_TOKEN",
            ["Sources:PagerDuty:0:InitialDays"] = "30",
        });
        await harness.Server.PushAsync("services", new[] { new { name = "checkout", team = "payments", pagerduty_service_id = "PSVC001" } });
        await harness.Server.FlushAsync();
        NoLogEntries(harness);
        var firstPage = Enumerable.Range(1, 100).Select(i => Incident($"Q{i:D3}", "2026-02-10T08:00:00Z", "resolved", "2026-02-10T09:00:00Z")).ToArray();
        FakeJson.Serve(harness.Fake, r => r.WithPath("/incidents").UsingGet().WithParam("offset", "0"), new { incidents = firstPage, limit = 100, offset = 0, more = true, total = (int?)null });
        FakeJson.Serve(harness.Fake, r => r.WithPath("/incidents").UsingGet().WithParam("offset", "100"),
            new { incidents = new[] { Incident("OPEN1", "2026-03-01T08:00:00Z", "acknowledged", null), Incident("OTHER", "2026-03-01T09:00:00Z", "resolved", "2026-03-01T09:30:00Z", "PUNKNOWN", "Legacy billing") }, limit = 100, offset = 100, more = false, total = (int?)null });

        var first = await harness.SyncAsync("pd");

        Assert.Equal(102, first.Rows);
        var incidents = (await harness.RowsAsync("incidents")).ToDictionary(i => i["id"].GetString()!);
        Assert.Equal("checkout", incidents["Q001"]["service"].GetString());
        Assert.Equal("Legacy billing", incidents["OTHER"]["service"].GetString());
        Assert.Equal(JsonValueKind.Null, incidents["OPEN1"]["resolved_at"].ValueKind);
        Assert.Equal("2026-02-10 09:00:00", incidents["Q001"]["resolved_at"].GetString());
        var request = harness.Requests("/incidents")[0].RequestMessage;
        Assert.Equal("Token token=s3cr3t-token", request.Headers!["Authorization"].ToString());
        Assert.Equal("application/vnd.pagerduty+json; version=2", request.Headers["Accept"].ToString());
        Assert.Equal("2026-01-31T12:00:00Z", request.Query!["since"].ToString());

        // An hour later: the open incident is resolved; one new incident.
        harness.Clock.Advance(TimeSpan.FromHours(1));
        harness.Fake.Reset();
        harness.ForgetRequests();
        NoLogEntries(harness);
        FakeJson.Serve(harness.Fake, r => r.WithPath("/incidents/OPEN1").UsingGet(), new { incident = Incident("OPEN1", "2026-03-01T08:00:00Z", "resolved", "2026-03-02T12:30:00Z") });
        FakeJson.Serve(harness.Fake, r => r.WithPath("/incidents").UsingGet(), new { incidents = new[] { Incident("NEW1", "2026-03-02T12:40:00Z", "triggered", null) }, limit = 100, offset = 0, more = false });

        var second = await harness.SyncAsync("pd");

        Assert.Equal(2, second.Rows);
        var since = harness.Requests("/incidents").Single(e => e.RequestMessage.Path == "/incidents").RequestMessage.Query!["since"].ToString();
        Assert.Equal("2026-03-02T12:00:00Z", since);
        incidents = (await harness.RowsAsync("incidents")).ToDictionary(i => i["id"].GetString()!);
        Assert.Equal("2026-03-02 12:30:00", incidents["OPEN1"]["resolved_at"].GetString());
        Assert.Equal(103, (int)await harness.PhysicalRowsAsync("incidents"));
        Assert.Contains("NEW1", (await harness.StateAsync("pd"))!.Cursor);
    }

    [Fact]
    public async Task Throttling_IsWaitedOut()
    {
        await using var harness = await ConnectorHarness.StartAsync(url => new Dictionary<string, string?>
        {
            ["Sources:PagerDuty:0:Name"] = "pd",
            ["Sources:PagerDuty:0:BaseUrl"] = url,
            ["Sources:PagerDuty:0:TokenEnv"] = "TEST_TOKEN",
        });
        harness.Fake.Given(WireMock.RequestBuilders.Request.Create().WithPath("/incidents").UsingGet()).AtPriority(1)
            .InScenario("throttle").WillSetStateTo("ok")
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(429).WithHeader("ratelimit-reset", "30").WithBody("{\"error\":{\"message\":\"Rate Limit Exceeded\",\"code\":2020}}"));
        FakeJson.Serve(harness.Fake, r => r.WithPath("/incidents").UsingGet(), new { incidents = Array.Empty<object>(), limit = 100, offset = 0, more = false });

        // The connector waits the 30 s ratelimit-reset on the clock; time moves once that wait exists.
        var waiting = harness.Clock.TimerCreatedAsync(delay => delay == TimeSpan.FromSeconds(30));
        var sync = harness.SyncAsync("pd");
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(sync.IsCompleted, "the sync must wait for the reset, not fail or go on");
        Assert.Single(harness.Requests("/incidents"));
        harness.Clock.Advance(TimeSpan.FromSeconds(31));
        var result = await sync.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, result.Rows);
        Assert.Equal(2, harness.Requests("/incidents").Count);
    }
}
