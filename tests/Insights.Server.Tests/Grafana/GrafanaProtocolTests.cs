using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Insights.Domain.Metrics;

namespace Insights.Server.Tests.Grafana;

/// <summary>
/// Every endpoint of the simPod JSON datasource protocol under /grafana, with the request shapes
/// the plugin documents (README/openapi.yaml) and Grafana sends, over the demo organisation. The
/// numbers must be the metric API's own.
/// </summary>
[Collection(GrafanaDemoCollection.Name)]
public sealed class GrafanaProtocolTests(GrafanaDemoFixture fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly DateOnly From = Today.AddDays(-56);

    /// <summary>[From, Today) as Grafana sends it: ISO times, here at midnight so that the days are exactly these.</summary>
    private static object Range => new
    {
        from = $"{From:yyyy-MM-dd}T00:00:00.000Z",
        to = $"{Today:yyyy-MM-dd}T00:00:00.000Z",
        raw = new { from = "now-56d/d", to = "now/d" },
    };

    private static string Dates => $"from={From:yyyy-MM-dd}&to={Today:yyyy-MM-dd}";

    [Theory]
    [InlineData("/grafana")]
    [InlineData("/grafana/")]
    public async Task TestConnection_Is200_ForAKeyThatMayRead_AndRefusesOthers(string path)
    {
        var reader = await fixture.ClientWithScopesAsync("read");
        var pusher = await fixture.ClientWithScopesAsync("ingest");
        var secret = reader.DefaultRequestHeaders.Authorization!.Parameter!;
        using var apiKey = new HttpClient { BaseAddress = fixture.Server.Address };
        apiKey.DefaultRequestHeaders.Add("X-Api-Key", secret);

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await apiKey.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Server.Anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pusher.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Server.Anonymous.PostAsync("/grafana/query", JsonContent.Create(new { targets = Array.Empty<object>() }))).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"metric": "lead-time", "payload": {"team": "payments"}}""")]
    public async Task Metrics_ListsEveryMetricAndTable_WithTheirPayloadOptions(string body)
    {
        var answer = await fixture.PostOkAsync("/grafana/metrics", body);

        var values = answer.EnumerateArray().Select(m => m.GetProperty("value").GetString()!).ToHashSet();
        Assert.Superset(MetricCatalog.All.Select(m => m.Name).ToHashSet(), values);
        Assert.Superset(new HashSet<string> { "dora", "dora-level", "dora-by-team", "impact", "golden-path-vs-other", "teams", "services", "deployments", "incidents" }, values);
        foreach (var metric in answer.EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(metric.GetProperty("label").GetString()));
            foreach (var payload in metric.GetProperty("payloads").EnumerateArray())
            {
                Assert.False(string.IsNullOrEmpty(payload.GetProperty("name").GetString()));
                Assert.Contains(payload.GetProperty("type").GetString(), new[] { "select", "input" });
            }
        }

        var leadTime = answer.EnumerateArray().Single(m => m.GetProperty("value").GetString() == "lead-time");
        var figures = leadTime.GetProperty("payloads").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "value");
        Assert.Equal(["value", "p50", "p75", "p90", "n"], figures.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("value").GetString()));
        Assert.Superset(new HashSet<string> { "team", "service", "environment", "interval", "format" }, leadTime.GetProperty("payloads").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToHashSet());
    }

    [Fact]
    public async Task MetricPayloadOptions_ListTheCatalog_AndTheFixedChoices()
    {
        var teams = await fixture.PostOkAsync("/grafana/metric-payload-options", new { metric = "lead-time", payload = new { }, name = "team" });
        var services = await fixture.PostOkAsync("/grafana/metric-payload-options", new { metric = "lead-time", payload = new { team = "payments" }, name = "service" });
        var environments = await fixture.PostOkAsync("/grafana/metric-payload-options", new { metric = "deployment-frequency", payload = new { }, name = "environment" });
        var figures = await fixture.PostOkAsync("/grafana/metric-payload-options", new { metric = "recovery-time", payload = new { }, name = "value" });

        Assert.Equal(["checkout", "identity", "payments", "platform", "search"], Values(teams, "value"));
        Assert.Equal(["ledger", "payments-api"], Values(services, "value"));
        Assert.Contains("production", Values(environments, "value"));
        Assert.Contains("p90", Values(figures, "value"));
        Assert.All(teams.EnumerateArray(), o => Assert.Equal(o.GetProperty("value").GetString(), o.GetProperty("label").GetString()));
    }

    [Theory]
    [InlineData("""{"metric": "happiness", "payload": {}, "name": "team"}""", "metric")]
    [InlineData("""{"metric": "lead-time", "payload": {}, "name": "colour"}""", "name")]
    [InlineData("""{"metric": "lead-time", "payload": "{oops", "name": "service"}""", "payload")]
    public async Task MetricPayloadOptions_BadRequests_AreProblemsNamingTheField(string body, string field) =>
        await AssertProblemAsync("/grafana/metric-payload-options", body, field);

    [Fact]
    public async Task Query_TimeSeries_AreTheMetricApisSeries()
    {
        // The README's request shape: range with raw, rangeRaw, interval, targets with payload, adhocFilters.
        var body = new
        {
            panelId = 1,
            range = Range,
            rangeRaw = new { from = "now-56d/d", to = "now/d" },
            interval = "7d",
            intervalMs = 7 * 24 * 3600 * 1000,
            maxDataPoints = 550,
            targets = new object[]
            {
                new { target = "lead-time", refId = "A", payload = new { team = "payments", value = "p75" } },
                new { target = "deployment-frequency", refId = "B" },
            },
            adhocFilters = Array.Empty<object>(),
        };

        var answer = await fixture.PostOkAsync("/grafana/query", body);
        var leadTime = await fixture.GetOkAsync($"/api/v1/metrics/lead-time?{Dates}&team=payments&interval=week");
        var frequency = await fixture.GetOkAsync($"/api/v1/metrics/deployment-frequency?{Dates}&interval=week");

        var frames = GrafanaFrames.AssertDrawable(answer, "query");
        Assert.Equal(2, frames.Count);
        Assert.Equal("A", frames[0].GetProperty("refId").GetString());
        Assert.Equal("Lead time for changes p75", frames[0].GetProperty("target").GetString());
        Assert.Equal(SeriesOf(leadTime, "p75"), Points(frames[0]));
        Assert.Equal(SeriesOf(frequency, "value"), Points(frames[1]));
        Assert.Contains(Points(frames[0]), p => p.Value is not null);
    }

    [Theory]
    [InlineData("filters")]
    [InlineData("adhocFilters")]
    public async Task Query_AdHocFilters_NarrowEveryTarget_AsTheMetricApisFilters(string property)
    {
        var filters = new object[]
        {
            new { key = "team", @operator = "=", value = "payments" },
            new { key = "environment", @operator = "=", value = "PRODUCTION" },
        };
        var body = new Dictionary<string, object>
        {
            ["range"] = Range,
            ["intervalMs"] = 86_400_000,
            ["maxDataPoints"] = 1000,
            ["targets"] = new object[]
            {
                new { refId = "A", target = "deployment-frequency", payload = new { format = "summary" } },
                new { refId = "B", target = "change-failure-rate", payload = new { environment = "production" } },
                new { refId = "C", target = "teams" },
            },
            [property] = filters,
        };

        var answer = await fixture.PostOkAsync("/grafana/query", body);
        var filtered = await fixture.GetOkAsync($"/api/v1/metrics/deployment-frequency?{Dates}&team=payments&environment=production");
        var unfiltered = await fixture.GetOkAsync($"/api/v1/metrics/deployment-frequency?{Dates}");
        var failures = await fixture.GetOkAsync($"/api/v1/metrics/change-failure-rate?{Dates}&team=payments&environment=production&interval=day");

        var frames = GrafanaFrames.AssertDrawable(answer, "query");
        Assert.Equal(filtered.GetProperty("summary").GetProperty("value").GetDouble(), GrafanaFrames.Column(frames[0], "value")[0].GetDouble());
        Assert.NotEqual(unfiltered.GetProperty("summary").GetProperty("value").GetDouble(), GrafanaFrames.Column(frames[0], "value")[0].GetDouble());
        Assert.Equal(SeriesOf(failures, "value"), Points(frames[1]));
        Assert.Equal(["payments"], GrafanaFrames.Column(frames[2], "team").Select(c => c.GetString()));
    }

    [Theory]
    [InlineData("""[{"key": "team", "operator": "!=", "value": "payments"}]""", "filters[0].operator")]
    [InlineData("""[{"key": "team", "operator": "=~", "value": "pay.*"}]""", "filters[0].operator")]
    [InlineData("""[{"key": "region", "operator": "=", "value": "eu"}]""", "filters[0].key")]
    [InlineData("""[{"key": "golden_path", "operator": "=", "value": "maybe"}]""", "filters[0].value")]
    [InlineData("""[{"key": "team", "operator": "=", "value": "payments"}, {"key": "team", "operator": "=", "value": "search"}]""", "filters[1].value")]
    [InlineData("""[{"key": "team", "operator": "=", "value": "search"}]""", "filters")]
    public async Task Query_BadAdHocFilters_AreProblemsNamingTheFilter(string filters, string field)
    {
        var body = $$$"""{"range": {{{JsonSerializer.Serialize(Range)}}}, "targets": [{"refId": "A", "target": "lead-time", "payload": {"team": "payments"}}], "filters": {{{filters}}}}""";

        await AssertProblemAsync("/grafana/query", body, field);
    }

    [Theory]
    [InlineData("""{"refId": "A", "target": "happiness"}""", "targets[0].target")]
    [InlineData("""{"refId": "A", "target": "lead-time", "payload": "{not json"}""", "targets[0].payload")]
    [InlineData("""{"refId": "A", "target": "lead-time", "payload": 42}""", "targets[0].payload")]
    [InlineData("""{"refId": "A", "target": "lead-time", "payload": {"teams": "payments"}}""", "targets[0].payload.teams")]
    [InlineData("""{"refId": "A", "target": "lead-time", "payload": {"value": "p99"}}""", "targets[0].payload.value")]
    [InlineData("""{"refId": "A", "target": "lead-time", "payload": {"value": "DROP TABLE"}}""", "targets[0].payload.value")]
    [InlineData("""{"refId": "A", "target": "lead-time", "payload": {"format": "pie"}}""", "targets[0].payload.format")]
    [InlineData("""{"refId": "A", "target": "lead-time", "payload": {"interval": "year"}}""", "targets[0].payload.interval")]
    [InlineData("""{"refId": "A", "target": "lead-time", "payload": {"benchmark": "dora-1999"}}""", "targets[0].payload.benchmark")]
    [InlineData("""{"refId": "A", "target": "lead-time", "payload": {"golden_path": "sometimes"}}""", "targets[0].payload.golden_path")]
    [InlineData("""{"refId": "A", "target": "lead-time", "payload": {"team": ["payments", "search"]}}""", "targets[0].payload.team")]
    [InlineData("""{"refId": "A", "target": "lead-time", "payload": {"team": {"name": "payments"}}}""", "targets[0].payload.team")]
    [InlineData("""{"refId": "A", "target": "impact", "payload": {"weeks": "0"}}""", "targets[0].payload.weeks")]
    [InlineData("""{"refId": "A", "target": "deployments", "payload": {"limit": "a lot"}}""", "targets[0].payload.limit")]
    [InlineData("""{"refId": "A", "target": "teams", "payload": {"environment": "production"}}""", "targets[0].payload.environment")]
    [InlineData("""{"refId": "A", "target": "lead-time", "payload": {"campaign": "2026-q3"}}""", "targets[0].payload.campaign")]
    public async Task Query_UnknownTargetsAndBadPayloads_AreProblemsNamingTheField(string target, string field)
    {
        var body = $$"""{"range": {{JsonSerializer.Serialize(Range)}}, "targets": [{{target}}]}""";

        await AssertProblemAsync("/grafana/query", body, field);
    }

    [Theory]
    [InlineData("""[{"target": "lead-time"}]""", "body")]
    [InlineData("""{"targets": "lead-time"}""", "targets")]
    [InlineData("""{"range": {"from": "yesterday", "to": "2026-01-01T00:00:00Z"}, "targets": []}""", "range.from")]
    [InlineData("""{"range": {"from": "2026-03-01T00:00:00Z", "to": "2026-02-01T00:00:00Z"}, "targets": []}""", "range.to")]
    [InlineData("""{"range": {"from": "2199-03-01T00:00:00Z", "to": "2200-02-01T00:00:00Z"}, "targets": []}""", "range.from")]
    [InlineData("""{"range": {"from": "1960-03-01T00:00:00Z", "to": "1961-02-01T00:00:00Z"}, "targets": []}""", "range.from")]
    [InlineData("""{"range": {"from": "2020-01-01T00:00:00Z", "to": "2026-01-01T00:00:00Z"}, "targets": [{"refId": "A", "target": "lead-time"}]}""", "range")]
    public async Task Query_BadBodies_AreProblemsNamingTheField(string body, string field) =>
        await AssertProblemAsync("/grafana/query", body, field);

    [Fact]
    public async Task Query_MalformedJson_IsAProblem_NotA500()
    {
        var (status, problem) = await fixture.PostAsync("/grafana/query", """{"targets": [""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Malformed JSON", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData(3_600_000, 1000, null, 28)]
    [InlineData(86_400_000, 1000, null, 28)]
    [InlineData(7 * 86_400_000L, 1000, null, 4)]
    [InlineData(3_600_000, 10, null, 4)]
    [InlineData(3_600_000, 3, null, 2)]
    [InlineData(7 * 86_400_000L, 1000, "day", 28)]
    [InlineData(3_600_000, 1000, "month", 2)]
    public async Task Query_Interval_FollowsIntervalMsAndMaxDataPoints_UnlessThePayloadNamesOne(long intervalMs, int maxDataPoints, string? interval, int points)
    {
        // 28 days from a Monday: 28 days, 4 ISO weeks, 1–2 months.
        var monday = PeriodCalendar.Monday(Today.AddDays(-35));
        var body = new
        {
            range = new { from = $"{monday:yyyy-MM-dd}T00:00:00Z", to = $"{monday.AddDays(28):yyyy-MM-dd}T00:00:00Z" },
            intervalMs,
            maxDataPoints,
            targets = new object[] { new { refId = "A", target = "deployment-frequency", payload = interval is null ? new Dictionary<string, string>() : new() { ["interval"] = interval } } },
        };

        var answer = await fixture.PostOkAsync("/grafana/query", body);

        var count = GrafanaFrames.AssertDrawable(answer, "query").Single().GetProperty("datapoints").GetArrayLength();
        var months = PeriodCalendar.Periods(monday, monday.AddDays(28), Interval.Month).Count();
        Assert.Equal(points == 2 ? months : points, count);
    }

    [Fact]
    public async Task Query_AutoInterval_NeverAsksTheEngineForMoreThanItsPeriodLimit()
    {
        // 1,090 days on a wide panel: days would be finer than intervalMs and within maxDataPoints, but too many.
        var from = Today.AddDays(-1090);
        var body = new
        {
            range = new { from = $"{from:yyyy-MM-dd}T00:00:00Z", to = $"{Today:yyyy-MM-dd}T00:00:00Z" },
            intervalMs = 3_600_000,
            maxDataPoints = 2000,
            targets = new object[] { new { refId = "A", target = "change-failure-rate" } },
        };

        var answer = await fixture.PostOkAsync("/grafana/query", body);

        Assert.Equal(PeriodCalendar.Periods(from, Today, Interval.Week).Count(), answer[0].GetProperty("datapoints").GetArrayLength());
    }

    [Fact]
    public async Task Query_Nps_DrawsEmpty_RatherThanFailing()
    {
        var body = new
        {
            range = Range,
            targets = new object[]
            {
                new { refId = "A", target = "nps", payload = new { interval = "month" } },
                new { refId = "B", target = "nps", payload = new { format = "summary" } },
                new { refId = "C", target = "nps", payload = new { format = "by_team" } },
                new { refId = "D", target = "nps", payload = new { campaign = "5e7a1d00-0000-4000-8000-0000000000ff" } },
            },
        };

        var frames = GrafanaFrames.AssertDrawable(await fixture.PostOkAsync("/grafana/query", body), "nps");

        Assert.Equal(["A", "B", "C", "D"], frames.Select(f => f.GetProperty("refId").GetString()));
        Assert.False(GrafanaFrames.IsTable(frames[0]));
        Assert.True(GrafanaFrames.IsTable(frames[1]) && GrafanaFrames.IsTable(frames[2]));
    }

    [Fact]
    public async Task Query_SkipsHiddenTargets_AndTargetsWithoutAName()
    {
        var body = new
        {
            range = Range,
            targets = new object?[] { new { refId = "A", target = "lead-time", hide = true }, new { refId = "B" }, null },
        };

        var answer = await fixture.PostOkAsync("/grafana/query", body);

        Assert.Equal(0, answer.GetArrayLength());
    }

    [Fact]
    public async Task Query_PerTeamTables_AreEachTeamsApiAnswer()
    {
        // Asked for every team in one question; each row must still be that team's own answer.
        var body = new
        {
            range = Range,
            targets = new object[]
            {
                new { refId = "A", target = "lead-time", payload = new { format = "by_team", value = "p75" } },
                new { refId = "B", target = "dora-by-team", payload = new { golden_path = "true" } },
            },
        };

        var frames = GrafanaFrames.AssertDrawable(await fixture.PostOkAsync("/grafana/query", body), "per-team tables");
        var teams = GrafanaFrames.Column(frames[0], "team").Select(c => c.GetString()!).ToList();
        Assert.True(teams.Count >= 3, $"{teams.Count} teams");
        Assert.Equal(teams, GrafanaFrames.Column(frames[1], "team").Select(c => c.GetString()!));
        var rated = 0;
        for (var i = 0; i < teams.Count; i++)
        {
            var leadTime = await fixture.GetOkAsync($"/api/v1/metrics/lead-time?{Dates}&team={teams[i]}");
            Assert.Equal(Number(leadTime.GetProperty("summary").GetProperty("p75")), Number(GrafanaFrames.Column(frames[0], "p75")[i]));
            Assert.Equal(leadTime.GetProperty("summary").GetProperty("n").GetInt64(), GrafanaFrames.Column(frames[0], "n")[i].GetInt64());

            var dora = await fixture.GetOkAsync($"/api/v1/dora?{Dates}&team={teams[i]}&golden_path=true");
            foreach (var key in dora.GetProperty("metrics").EnumerateArray())
            {
                Assert.Equal(Number(key.GetProperty("summary").GetProperty("value")), Number(GrafanaFrames.Column(frames[1], key.GetProperty("metric").GetString()!)[i]));
            }

            var band = dora.GetProperty("overall").GetProperty("band");
            Assert.Equal(band.ValueKind == JsonValueKind.Null ? null : band.GetString(), GrafanaFrames.Column(frames[1], "band")[i].GetString());
            rated += band.ValueKind == JsonValueKind.Null ? 0 : 1;
        }

        Assert.True(rated > 0, "no team has a DORA level: the comparison would be between empty answers");
    }

    [Fact]
    public async Task Query_DoraTables_AreTheDoraApis()
    {
        var body = new
        {
            range = Range,
            targets = new object[]
            {
                new { refId = "A", target = "dora", payload = new { team = "checkout" } },
                new { refId = "B", target = "dora-level", payload = new { team = "checkout" } },
                new { refId = "C", target = "dora-by-team", payload = new { benchmark = "dora-2023" } },
            },
        };

        var frames = GrafanaFrames.AssertDrawable(await fixture.PostOkAsync("/grafana/query", body), "dora");
        var dora = await fixture.GetOkAsync($"/api/v1/dora?{Dates}&team=checkout");
        var search = await fixture.GetOkAsync($"/api/v1/dora?{Dates}&team=search&benchmark=dora-2023");

        Assert.Equal(MetricCatalog.FourKeys.Select(k => k.Name), GrafanaFrames.Column(frames[0], "metric").Select(c => c.GetString()));
        Assert.Equal(dora.GetProperty("metrics").EnumerateArray().Select(m => Number(m.GetProperty("summary").GetProperty("value"))),
            GrafanaFrames.Column(frames[0], "value").Select(Number));
        Assert.Equal(dora.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("summary").GetProperty("band").GetString()),
            GrafanaFrames.Column(frames[0], "band").Select(c => c.GetString()));
        Assert.Equal(dora.GetProperty("overall").GetProperty("band").GetString(), GrafanaFrames.Column(frames[1], "band")[0].GetString());
        var searchRow = GrafanaFrames.Column(frames[2], "team").ToList().FindIndex(c => c.GetString() == "search");
        Assert.Equal(search.GetProperty("overall").GetProperty("band").GetString(), GrafanaFrames.Column(frames[2], "band")[searchRow].GetString());
        Assert.Equal(Number(search.GetProperty("metrics")[1].GetProperty("summary").GetProperty("value")), Number(GrafanaFrames.Column(frames[2], "lead-time")[searchRow]));
        Assert.Equal(5, frames[2].GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task Query_ImpactAndCatalogTables_AreTheImpactAndCatalogApis()
    {
        var body = new
        {
            range = Range,
            targets = new object[]
            {
                new { refId = "A", target = "impact", payload = new { team = "payments", weeks = 4 } },
                new { refId = "B", target = "golden-path-vs-other" },
                new { refId = "C", target = "teams" },
                new { refId = "D", target = "services", payload = new { team = "search" } },
                new { refId = "E", target = "adoption-rate", payload = new { format = "breakdown" } },
                new { refId = "F", target = "adoption-rate", payload = new { format = "by_service", team = "checkout", value = "golden_deployments" } },
            },
        };

        var frames = GrafanaFrames.AssertDrawable(await fixture.PostOkAsync("/grafana/query", body), "impact");
        var impact = await fixture.GetOkAsync($"/api/v1/impact?{Dates}&team=payments&weeks=4");
        var adoption = await fixture.GetOkAsync($"/api/v1/metrics/adoption-rate?{Dates}");
        var cart = await fixture.GetOkAsync($"/api/v1/metrics/adoption-rate?{Dates}&service=cart");

        var after = impact.GetProperty("team").GetProperty("after").GetProperty("metrics");
        Assert.Equal(MetricCatalog.FourKeys.Select(k => Number(after.GetProperty(k.Name).GetProperty("value"))), GrafanaFrames.Column(frames[0], "after").Select(Number));
        Assert.All(GrafanaFrames.Column(frames[0], "adopted_on"), c => Assert.Equal(impact.GetProperty("team").GetProperty("adopted_on").GetString(), c.GetString()));
        // Payments adopted on the demo's tenth day: four weeks "before" start before its data (marked, with the weeks it covers).
        var team = impact.GetProperty("team");
        Assert.True(team.GetProperty("before").GetProperty("starts_before_data").GetBoolean());
        Assert.All(GrafanaFrames.Column(frames[0], "data_from"), c => Assert.Equal(team.GetProperty("data_from").GetString(), c.GetString()));
        foreach (var side in new[] { "before", "after" })
        {
            var window = team.GetProperty(side);
            Assert.All(GrafanaFrames.Column(frames[0], $"{side}_covered_weeks"), c => Assert.Equal(window.GetProperty("covered_weeks").GetDouble(), c.GetDouble()));
            Assert.All(GrafanaFrames.Column(frames[0], $"{side}_low_coverage"), c => Assert.Equal(window.GetProperty("low_coverage").GetBoolean(), c.GetBoolean()));
        }

        Assert.True(GrafanaFrames.Column(frames[0], "before_low_coverage").All(c => c.GetBoolean()));
        var golden = impact.GetProperty("golden_path_vs_other").GetProperty("golden_path");
        Assert.Equal(GrafanaFrames.Column(frames[1], "metric").Select(c => Number(golden.GetProperty(c.GetString()!).GetProperty("value"))),
            GrafanaFrames.Column(frames[1], "golden_path").Select(Number));
        Assert.Equal(5, frames[2].GetProperty("rows").GetArrayLength());
        Assert.Equal(["indexer", "search-api"], GrafanaFrames.Column(frames[3], "service").Select(c => c.GetString()));
        Assert.Equal(Number(adoption.GetProperty("breakdown").GetProperty("template_share_percent")), Number(GrafanaFrames.Column(frames[4], "template_share_percent")[0]));
        var cartRow = GrafanaFrames.Column(frames[5], "service").ToList().FindIndex(c => c.GetString() == "cart");
        Assert.Equal(Number(cart.GetProperty("summary").GetProperty("golden_deployments")), Number(GrafanaFrames.Column(frames[5], "golden_deployments")[cartRow]));
        Assert.Equal(2, frames[5].GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task Query_Annotations_AreTheDeploymentsAndIncidentsInTheRange()
    {
        var body = new
        {
            range = Range,
            targets = new object[]
            {
                new { refId = "A", target = "deployments", payload = new { team = "payments", limit = "5" } },
                new { refId = "B", target = "deployments", payload = new { service = "cart", production_only = "false" } },
                new { refId = "C", target = "deployments", payload = new { service = "cart" } },
                new { refId = "D", target = "incidents", payload = "{\"team\": \"identity\"}" },
            },
        };

        var frames = GrafanaFrames.AssertDrawable(await fixture.PostOkAsync("/grafana/query", body), "annotations");

        var from = new DateTimeOffset(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        var to = new DateTimeOffset(Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        var times = GrafanaFrames.Column(frames[0], "time").Select(c => c.GetInt64()).ToList();
        Assert.Equal(5, times.Count);
        Assert.All(times, t => Assert.InRange(t, from, to - 1));
        Assert.Equal(times.OrderDescending(), times);
        Assert.All(GrafanaFrames.Column(frames[0], "team"), c => Assert.Equal("payments", c.GetString()));
        Assert.True(frames[1].GetProperty("rows").GetArrayLength() > frames[2].GetProperty("rows").GetArrayLength(), "cart also deploys outside production");
        Assert.All(GrafanaFrames.Column(frames[2], "environment"), c => Assert.Equal("production", c.GetString()));
        Assert.True(GrafanaFrames.HasData(frames[3]));
        var incidents = frames[3].GetProperty("rows").EnumerateArray().ToList();
        Assert.All(incidents, row =>
        {
            Assert.True(row[1].ValueKind == JsonValueKind.Null || row[1].GetInt64() >= row[0].GetInt64());
            Assert.True(row[1].ValueKind == JsonValueKind.Null || row[1].GetInt64() >= from);
        });
        Assert.All(GrafanaFrames.Column(frames[3], "team"), c => Assert.Equal("identity", c.GetString()));
    }

    [Theory]
    [InlineData("""{"payload": {"target": "teams"}}""", "checkout,identity,payments,platform,search")]
    [InlineData("""{"payload": {"target": "services", "team": "payments"}, "range": {"from": "2026-01-01T00:00:00Z", "to": "2026-02-01T00:00:00Z", "raw": {"from": "now-30d", "to": "now"}}}""", "ledger,payments-api")]
    [InlineData("""{"payload": {"target": "services", "team": "*"}}""", "auth,cart,checkout-web,indexer,ledger,payments-api,platform-portal,search-api")]
    [InlineData("""{"payload": "teams"}""", "checkout,identity,payments,platform,search")]
    [InlineData("""{"payload": {"target": "benchmarks"}}""", "dora-2023,dora-2024")]
    public async Task Variable_ListsTheCatalog(string body, string expected)
    {
        var answer = await fixture.PostOkAsync("/grafana/variable", body);

        Assert.Equal(expected.Split(','), answer.EnumerateArray().Select(v => v.GetProperty("__value").GetString()));
        Assert.All(answer.EnumerateArray(), v => Assert.Equal(JsonValueKind.String, v.GetProperty("__text").ValueKind));
    }

    [Fact]
    public async Task Variable_ListsEnvironmentsAndMetrics()
    {
        var environments = await fixture.PostOkAsync("/grafana/variable", new { payload = new { target = "environments" } });
        var metrics = await fixture.PostOkAsync("/grafana/variable", new { payload = new { target = "metrics" } });

        Assert.Contains("production", environments.EnumerateArray().Select(v => v.GetProperty("__value").GetString()));
        Assert.Equal(MetricCatalog.All.Select(m => m.Name), metrics.EnumerateArray().Select(v => v.GetProperty("__value").GetString()));
        Assert.Equal(MetricCatalog.All.Select(m => m.Title), metrics.EnumerateArray().Select(v => v.GetProperty("__text").GetString()));
    }

    [Theory]
    [InlineData("""{"payload": {"target": "colours"}}""", "payload.target")]
    [InlineData("""{"payload": {}}""", "payload.target")]
    [InlineData("""{}""", "payload.target")]
    [InlineData("""{"payload": {"target": "teams", "region": "eu"}}""", "payload.region")]
    public async Task Variable_BadQueries_AreProblemsNamingTheField(string body, string field) =>
        await AssertProblemAsync("/grafana/variable", body, field);

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    public async Task TagKeys_AreTheScopeFields(string body)
    {
        var answer = await fixture.PostOkAsync("/grafana/tag-keys", body);

        Assert.Equal(["team", "service", "environment", "golden_path"], answer.EnumerateArray().Select(k => k.GetProperty("text").GetString()));
        Assert.All(answer.EnumerateArray(), k => Assert.Equal("string", k.GetProperty("type").GetString()));
    }

    [Theory]
    [InlineData("team", "checkout,identity,payments,platform,search")]
    [InlineData("golden_path", "true,false")]
    public async Task TagValues_ListTheKeysValues(string key, string expected)
    {
        var answer = await fixture.PostOkAsync("/grafana/tag-values", new { key });

        Assert.Equal(expected.Split(','), answer.EnumerateArray().Select(v => v.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task TagValues_OfEnvironmentAndService_AreTheDeploymentsAndCatalogs()
    {
        var environments = await fixture.PostOkAsync("/grafana/tag-values", new { key = "environment" });
        var services = await fixture.PostOkAsync("/grafana/tag-values", new { key = "service" });

        Assert.Contains("production", environments.EnumerateArray().Select(v => v.GetProperty("text").GetString()));
        Assert.Equal(8, services.GetArrayLength());
    }

    [Theory]
    [InlineData("""{"key": "region"}""", "key")]
    [InlineData("""{}""", "key")]
    [InlineData("""{"key": 7}""", "key")]
    public async Task TagValues_UnknownKeys_AreProblems(string body, string field) =>
        await AssertProblemAsync("/grafana/tag-values", body, field);

    [Fact]
    public async Task OpenApiDocument_DescribesTheDatasourceAndSeriesEndpoints()
    {
        var document = await fixture.Server.Anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/grafana", "/grafana/metrics", "/grafana/metric-payload-options", "/grafana/query", "/grafana/variable", "/grafana/tag-keys", "/grafana/tag-values", "/api/v1/metrics/{metric}/series", "/api/v1/metrics/{metric}/series.csv" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in {string.Join(", ", paths.EnumerateObject().Select(p => p.Name))}");
        }
    }

    private async Task AssertProblemAsync(string path, string body, string field)
    {
        var (status, problem) = await fixture.PostAsync(path, body);

        Assert.True(status == HttpStatusCode.BadRequest, $"{path} {body} → {(int)status} {problem}");
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"{path} {body}: the problem should name '{field}': {problem}");
    }

    private static List<string?> Values(JsonElement options, string property) =>
        [.. options.EnumerateArray().Select(o => o.GetProperty(property).GetString())];

    private static List<(double? Value, long Time)> Points(JsonElement series) =>
        [.. series.GetProperty("datapoints").EnumerateArray().Select(p => (Number(p[0]), p[1].GetInt64()))];

    private static List<(double? Value, long Time)> SeriesOf(JsonElement metric, string figure) =>
        [.. metric.GetProperty("series").EnumerateArray().Select(p => (
            Number(p.GetProperty(figure)),
            new DateTimeOffset(DateOnly.ParseExact(p.GetProperty("period_start").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds()))];

    private static double? Number(JsonElement element) => element.ValueKind == JsonValueKind.Number ? element.GetDouble() : null;
}
