using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Insights.Ingest.Tests.Connectors;
using static Insights.Ingest.Tests.PagerDuty.PagerDutyFake;

namespace Insights.Ingest.Tests.PagerDuty;

/// <summary>
/// PagerDuty past its 10,000 paging limit, acknowledgements and the rest of an incident's details, one
/// failing service among several, and incidents that cannot be read.
/// </summary>
public sealed class PagerDutyIncidentTests
{
    private static readonly DateTime Now = ConnectorHarness.Start.UtcDateTime;

    private static Task<ConnectorHarness> StartAsync(params (string Key, string Value)[] extra) => ConnectorHarness.StartAsync(url =>
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sources:PagerDuty:0:Name"] = "pd",
            ["Sources:PagerDuty:0:BaseUrl"] = url,
            ["Sources:PagerDuty:0:TokenEnv"] = "TEST_TOKEN",
            ["Sources:PagerDuty:0:InitialDays"] = "30",
        };
        foreach (var (key, value) in extra)
        {
            settings["Sources:PagerDuty:0:" + key] = value;
        }

        return settings;
    });

    private static void ServeLog(ConnectorHarness harness, string incident, params object[] entries) =>
        FakeJson.Serve(harness.Fake, r => r.WithPath($"/incidents/{incident}/log_entries").UsingGet().WithParam("is_overview", "true"),
            new { log_entries = entries, limit = 100, offset = 0, more = false, total = (int?)null });

    [Fact]
    public async Task AWindowHoldingMoreThan10000Incidents_IsReadWhole_WithinPagerDutysPagingLimit()
    {
        await using var harness = await StartAsync(("ReadAcknowledgements", "false"));
        // 10,250 incidents in the 30 days read by the first sync, one every four minutes: one listing cannot reach them all.
        var first = Now.AddDays(-29);
        var incidents = Enumerable.Range(0, 10_250)
            .Select(i => (Created: first.AddMinutes(4 * i), Service: "PSVC001", Body: Incident($"Q{i:D5}", first.AddMinutes(4 * i), "resolved", first.AddMinutes(4 * i + 2), number: i)))
            .ToList();
        var fake = new PagerDutyFake(harness.Fake, incidents);

        // The fake refuses what PagerDuty refuses.
        using var http = new HttpClient();
        var refused = await http.GetAsync($"{harness.Fake.Url}/incidents?limit=100&offset=9950");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Invalid Input Provided", await refused.Content.ReadAsStringAsync());
        Assert.Equal(1, fake.Refused);
        harness.ForgetRequests();

        var result = await harness.SyncAsync("pd");

        Assert.Equal(1, fake.Refused);
        Assert.True(result.Rows >= 10_250);
        await harness.Server.FlushAsync();
        Assert.Equal(10_250UL, await harness.Server.ClickHouse.QueryScalarAsync<ulong>("SELECT uniqExact(id) FROM incidents"));
        var listings = harness.Requests("/incidents").Where(e => e.RequestMessage.Path == "/incidents").Select(e => e.RequestMessage.Query!).ToList();
        Assert.All(listings, q => Assert.True(int.Parse(q["offset"][0], System.Globalization.CultureInfo.InvariantCulture) + 100 <= 10_000));
        // The second listing starts one second before the last incident the first one read.
        Assert.Equal(2, listings.Count(q => q["offset"][0] == "0"));
        Assert.Contains(listings, q => q["offset"][0] == "0" && q["since"][0] == Iso(first.AddMinutes(4 * 9_999).AddSeconds(-1)));

        // The status shows how far the run came, with PagerDuty's own count of the last listing.
        var status = await harness.Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/connectors/pd");
        var progress = status.GetProperty("progress");
        Assert.StartsWith("incidents of all services created 2026-01-31 12:00", progress.GetProperty("stage").GetString());
        Assert.Equal(103, progress.GetProperty("pages").GetInt32());
        Assert.Equal(10_251, progress.GetProperty("items").GetInt64());
        Assert.Equal(251, progress.GetProperty("stage_expected").GetInt64());
        Assert.False(status.GetProperty("running").GetBoolean());

        // A re-run reads nothing it already has.
        harness.ForgetRequests();
        await harness.SyncAsync("pd");
        Assert.Equal(10_250, (int)await harness.PhysicalRowsAsync("incidents"));
    }

    [Fact]
    public async Task Acknowledgements_Severity_Teams_NumberAndLink_AreStored()
    {
        await using var harness = await StartAsync();
        var t = Now.AddDays(-2);
        _ = new PagerDutyFake(harness.Fake,
        [
            // Acknowledged now: PagerDuty lists the acknowledgements on the incident.
            (t, "PSVC001", Incident("PACK", t, "acknowledged", number: 41, priority: "P2", acknowledgements: [Acknowledgement(t.AddMinutes(7)), Acknowledgement(t.AddMinutes(3), "PUSER02")], teams: ["Payments"])),
            // Resolved: the incident no longer lists them; its log does (the first one counts).
            (t.AddHours(1), "PSVC001", Incident("PRES", t.AddHours(1), "resolved", t.AddHours(2), number: 42, priority: null, urgency: "low", teams: ["Payments", "Platform"])),
            // Resolved without anyone acknowledging it.
            (t.AddHours(3), "PSVC001", Incident("PNOACK", t.AddHours(3), "resolved", t.AddHours(3).AddMinutes(9), number: 43)),
        ]);
        ServeLog(harness, "PRES",
            LogEntry("resolve_log_entry", t.AddHours(2), "PRES"),
            LogEntry("acknowledge_log_entry", t.AddHours(1).AddMinutes(25), "PRES"),
            LogEntry("acknowledge_log_entry", t.AddHours(1).AddMinutes(5), "PRES"),
            LogEntry("trigger_log_entry", t.AddHours(1), "PRES"));
        ServeLog(harness, "PNOACK", LogEntry("resolve_log_entry", t.AddHours(3).AddMinutes(9), "PNOACK"), LogEntry("trigger_log_entry", t.AddHours(3), "PNOACK"));

        await harness.SyncAsync("pd");

        var incidents = (await harness.RowsAsync("incidents")).ToDictionary(i => i["id"].GetString()!);
        Assert.Equal("2026-02-28 12:03:00", incidents["PACK"]["acknowledged_at"].GetString());
        Assert.Equal("P2", incidents["PACK"]["severity"].GetString());
        // UInt64 comes back quoted from ClickHouse's JSON.
        Assert.Equal("41", incidents["PACK"]["number"].GetString());
        Assert.Equal("https://acme.pagerduty.com/incidents/PACK", incidents["PACK"]["url"].GetString());
        Assert.Equal(["Payments"], incidents["PACK"]["teams"].EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("2026-02-28 13:05:00", incidents["PRES"]["acknowledged_at"].GetString());
        Assert.Equal("low", incidents["PRES"]["severity"].GetString());
        Assert.Equal(["Payments", "Platform"], incidents["PRES"]["teams"].EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(JsonValueKind.Null, incidents["PNOACK"]["acknowledged_at"].ValueKind);
        Assert.Equal("2026-02-28 15:09:00", incidents["PNOACK"]["resolved_at"].GetString());
        // The acknowledged incident is followed; only the resolved ones' logs were read.
        Assert.Contains("PACK", (await harness.StateAsync("pd"))!.Cursor);
        Assert.Equal(["/incidents/PNOACK/log_entries", "/incidents/PRES/log_entries"],
            harness.Requests("/incidents/").Select(e => e.RequestMessage.Path).Order());
    }

    [Fact]
    public async Task AFailingService_LeavesTheOthersToSync_AndAnIncidentGoneFromPagerDutyIsNoLongerFollowed()
    {
        await using var harness = await StartAsync(("ServiceIds:0", "PSVC001"), ("ServiceIds:1", "PGONE"), ("ReadAcknowledgements", "false"));
        var t = Now.AddDays(-1);
        // PagerDuty refuses a listing of a service it does not know.
        FakeJson.Serve(harness.Fake, r => r.WithPath("/incidents").UsingGet().WithParam("service_ids[]", "PGONE"),
            new { error = new { message = "Invalid Input Provided", code = 2001, errors = new[] { "Invalid service ids: PGONE" } } }, status: 400, priority: 1);
        _ = new PagerDutyFake(harness.Fake, [(t, "PSVC001", Incident("POPEN", t, "triggered")), (t.AddHours(1), "PSVC001", Incident("PDONE", t.AddHours(1), "resolved", t.AddHours(2)))]);

        var first = await harness.SyncAsync("pd");

        Assert.Equal(2, first.Rows);
        var state = await harness.StateAsync("pd");
        Assert.Null(state!.LastError);
        var failing = Assert.Single(state.FailingParts);
        Assert.Equal("service PGONE", failing.Part);
        Assert.Equal("pd answered 400 BadRequest to GET /incidents: Invalid Input Provided; Invalid service ids: PGONE", failing.Error);
        var cursor = JsonDocument.Parse(state.Cursor!).RootElement;
        Assert.Equal("2026-03-02T12:00:00Z", cursor.GetProperty("Services").GetProperty("PSVC001").GetString());
        Assert.Equal("2026-01-31T12:00:00Z", cursor.GetProperty("Services").GetProperty("PGONE").GetString());
        Assert.Equal(["POPEN"], cursor.GetProperty("Open").EnumerateArray().Select(o => o.GetString()));

        // The open incident was merged away in PagerDuty: 404. It is dropped from the incidents to follow.
        harness.Clock.Advance(TimeSpan.FromHours(1));
        FakeJson.Serve(harness.Fake, r => r.WithPath("/incidents/POPEN").UsingGet(), new { error = new { message = "Not Found", code = 2100 } }, status: 404);
        await harness.SyncAsync("pd");
        cursor = JsonDocument.Parse((await harness.StateAsync("pd"))!.Cursor!).RootElement;
        Assert.Empty(cursor.GetProperty("Open").EnumerateArray());
        Assert.Equal("service PGONE", Assert.Single((await harness.StateAsync("pd"))!.FailingParts).Part);
        Assert.Equal(2, Assert.Single((await harness.StateAsync("pd"))!.FailingParts).Failures);
    }

    [Fact]
    public async Task AnUnreadableIncident_IsQuarantined_AndLeavesWhenPagerDutysCopyIsValid()
    {
        await using var harness = await StartAsync(("ReadAcknowledgements", "false"));
        var t = Now.AddDays(-1);
        var broken = JsonSerializer.SerializeToNode(Incident("PBROKEN", t, "resolved", t.AddHours(1)))!.AsObject();
        broken.Remove("created_at");
        _ = new PagerDutyFake(harness.Fake, [(t, "PSVC001", broken), (t.AddHours(2), "PSVC001", Incident("PGOOD", t.AddHours(2), "resolved", t.AddHours(3)))]);

        var first = await harness.SyncAsync("pd");

        Assert.Equal(1, first.Rows);
        var status = await harness.Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/connectors/pd");
        var held = Assert.Single(status.GetProperty("quarantine").EnumerateArray());
        Assert.Equal("PBROKEN", held.GetProperty("key").GetString());
        Assert.Equal("created_at", held.GetProperty("field").GetString());

        FakeJson.Serve(harness.Fake, r => r.WithPath("/incidents/PBROKEN").UsingGet(), new { incident = Incident("PBROKEN", t, "resolved", t.AddHours(1)) });
        harness.Clock.Advance(TimeSpan.FromHours(1));
        await harness.SyncAsync("pd");

        Assert.Equal(["PBROKEN", "PGOOD"], (await harness.RowsAsync("incidents")).Select(i => i["id"].GetString()).Order());
        status = await harness.Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/connectors/pd");
        Assert.Equal(0, status.GetProperty("quarantined").GetInt32());
    }
}
