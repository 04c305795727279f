using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.Common;
using Insights.Ingest.Connectors;
using Insights.Server.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Ingest.Tests.Connectors;

/// <summary>Syncs run as real Hangfire jobs on a BackgroundJobServer backed by PostgreSQL.</summary>
public sealed class ConnectorJobsTests : IAsyncLifetime
{
    private ConnectorHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await ConnectorHarness.StartAsync(url => new Dictionary<string, string?>
        {
            ["Sources:Backstage:0:Name"] = "catalog",
            ["Sources:Backstage:0:BaseUrl"] = url,
            ["Sources:Backstage:0:Schedule"] = "0 3 * * *",
        }, role: "all");
        FakeJson.Serve(_harness.Fake, r => r.WithPath("/api/catalog/entities/by-query").UsingGet(), new { items = Array.Empty<object>(), totalItems = 0, pageInfo = new { } }, priority: 50);
        FakeJson.Serve(_harness.Fake, r => r.WithPath("/api/catalog/entities/by-query").UsingGet().WithParam("filter", "kind=component,spec.type=service"), new
        {
            items = new[] { new { kind = "Component", metadata = new { name = "checkout", @namespace = "default", etag = "1" }, spec = new { type = "service", owner = "group:default/payments", lifecycle = "production" } } },
            totalItems = 1,
            pageInfo = new { },
        });
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task SyncNow_RunsTheJob_AndTheListShowsTheOutcome()
    {
        var traced = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Insights.Jobs",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = traced.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var connection = _harness.Server.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection);
        Assert.Contains(recurring, j => j.Id == "sync:catalog" && j.Cron == "0 3 * * *");

        var queued = await _harness.Server.Client.PostAsync("/api/v1/connectors/catalog/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);

        JsonElement entry = default;
        for (var i = 0; i < 200; i++)
        {
            var list = await _harness.Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/connectors");
            entry = list.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "catalog");
            if (entry.GetProperty("last_success_at").ValueKind == JsonValueKind.String)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal("backstage", entry.GetProperty("kind").GetString());
        Assert.Equal(1, entry.GetProperty("last_rows").GetInt32());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("last_error").ValueKind);
        Assert.Contains("component:default/checkout", entry.GetProperty("cursor").GetString());
        Assert.Single(await _harness.RowsAsync("services", "name"));

        var jobId = (await queued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetString();
        Assert.Contains(traced, a => a.GetTagItem("hangfire.job.id") as string == jobId
            && a.GetTagItem("hangfire.job.type") as string == typeof(ConnectorSyncJob).FullName);
    }

    [Fact]
    public void TelemetryFilter_BelongsToThisHost_NotToHangfiresProcessWideList()
    {
        // Hosts in one process (the test suites) start concurrently; a shared filter list that one host
        // appends to while another enumerates it failed requests with 500s.
        var job = Job.FromExpression<ConnectorSyncJob>(j => j.RunAsync("catalog", CancellationToken.None));
        var filters = _harness.Server.Services.GetRequiredService<IJobFilterProvider>().GetFilters(job);

        Assert.Single(filters, f => f.Instance is JobTelemetryFilter);
        Assert.DoesNotContain(Hangfire.GlobalJobFilters.Filters, f => f.Instance is JobTelemetryFilter);
    }

    [Fact]
    public async Task SyncNow_OfAnUnknownSource_Is404_AndNeedsAdmin()
    {
        var unknown = await _harness.Server.Client.PostAsync("/api/v1/connectors/nope/sync", null);
        var anonymous = await _harness.Server.Anonymous.PostAsync("/api/v1/connectors/catalog/sync", null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("catalog", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public void Registry_KnowsTheConfiguredSources() =>
        Assert.Equal(["catalog"], _harness.Server.Services.GetRequiredService<ConnectorRegistry>().Sources.Select(s => s.Name));
}
