using System.Diagnostics;
using System.Net.Http.Json;
using Insights.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Insights.Server.Tests.Operations;

/// <summary>Traces through an in-memory exporter: a push leads to its ClickHouse insert; a metric to its query.</summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly List<Activity> _spans = [];
    private InsightsTestServer _server = null!;

    public async Task InitializeAsync() => _server = await InsightsTestServer.StartAsync(
        configure: builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans)));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Sends a request inside a trace of our own, so other tests' spans (same process) are told apart.</summary>
    private static async Task<ActivityTraceId> TracedAsync(HttpClient client, Func<HttpClient, Task> send)
    {
        var trace = ActivityTraceId.CreateRandom();
        // The client's own HTTP span (and so the traceparent it sends) becomes a child of this one.
        using (new Activity("test").SetParentId(trace, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start())
        {
            await send(client);
        }

        return trace;
    }

    private List<Activity> SpansOf(ActivityTraceId trace)
    {
        lock (_spans)
        {
            return _spans.Where(s => s.TraceId == trace).ToList();
        }
    }

    /// <summary>The trace's spans once the named ones have ended (a span is exported when it ends, which for
    /// the server span may be just after the client has its answer).</summary>
    private async Task<List<Activity>> EndedSpansAsync(ActivityTraceId trace, params string[] names)
    {
        for (var i = 0; i < 200; i++)
        {
            var spans = SpansOf(trace);
            if (spans.Any(s => s.Kind == ActivityKind.Server) && names.All(n => spans.Any(s => s.DisplayName == n)))
            {
                return spans;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"spans {string.Join(", ", names)} of trace {trace} did not end within 10 s");
    }

    [Fact]
    public async Task Push_ProducesTheSpanTree_HttpToClickHouseInsert()
    {
        var trace = await TracedAsync(_server.Client, client => client.PostAsJsonAsync("/api/v1/deployments",
            new[] { new { id = "traced", service = "s", environment = "production", status = "success", finished_at = "2026-03-02T10:00:00Z" } }));
        await _server.FlushAsync();

        var spans = await EndedSpansAsync(trace, "spool flush deployments", "clickhouse insert");
        var http = Assert.Single(spans, s => s.Kind == ActivityKind.Server);
        var flush = Assert.Single(spans, s => s.DisplayName == "spool flush deployments");
        var insert = Assert.Single(spans, s => s.DisplayName == "clickhouse insert");
        Assert.Equal(http.SpanId, flush.ParentSpanId);
        Assert.Equal(flush.SpanId, insert.ParentSpanId);
        Assert.Equal("deployments", insert.GetTagItem("db.collection.name"));
        Assert.Equal("clickhouse", insert.GetTagItem("db.system.name"));
    }

    [Fact]
    public async Task MetricQuery_ProducesItsQuerySpans()
    {
        var trace = await TracedAsync(_server.Client, client => client.GetAsync("/api/v1/metrics/change-failure-rate"));

        var spans = await EndedSpansAsync(trace, "metric change-failure-rate");
        var http = Assert.Single(spans, s => s.Kind == ActivityKind.Server);
        var metric = Assert.Single(spans, s => s.DisplayName == "metric change-failure-rate");
        Assert.Equal(http.SpanId, metric.ParentSpanId);
        Assert.Equal("change-failure-rate", metric.GetTagItem("insights.metric"));
        var statements = spans.Where(s => s.DisplayName.StartsWith("clickhouse ", StringComparison.Ordinal) && s.ParentSpanId == metric.SpanId).ToList();
        Assert.Contains(statements, s => s.DisplayName == "clickhouse query" && ((string)s.GetTagItem("db.query.text")!).Contains("countIf(value = 1)", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.DisplayName == "clickhouse execute" && ((string)s.GetTagItem("db.query.text")!).Contains("CREATE TEMPORARY TABLE window_deployments", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PrometheusScrape_ShowsIngestAndMetricSignals()
    {
        await _server.PushAsync("incidents", new[] { new { id = "scrape", service = "s", title = "t", started_at = "2026-03-02T10:00:00Z" }, new { id = "", service = "s", title = "t", started_at = "2026-03-02T10:00:00Z" } });
        await _server.Client.GetAsync("/api/v1/metrics/incident-restore-time");
        await _server.FlushAsync();

        var text = await _server.Anonymous.GetStringAsync("/metrics");

        Assert.Contains("insights_ingest_events_accepted", text);
        Assert.Contains("insights_ingest_events_rejected", text);
        Assert.Contains("insights_ingest_spool_bytes", text);
        Assert.Contains("insights_ingest_flush_duration", text);
        Assert.Contains("insights_metrics_query_duration", text);
        Assert.Contains("http_server_request_duration", text);
    }
}
