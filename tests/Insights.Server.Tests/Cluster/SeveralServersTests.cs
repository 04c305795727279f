using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.Server;
using Insights.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Insights.Server.Tests.Cluster;

/// <summary>
/// Two servers against one cluster and one PostgreSQL (docs/operations.md, "Scaling"): a recurring job
/// fires once per occurrence whichever server's scheduler sees it first, a key revoked on one stops
/// working on the other within the documented 30 s, and each server flushes its own spool.
/// </summary>
[Trait("Warehouse", "Cluster")]
public sealed class SeveralServersTests
{
    [Fact]
    public async Task ARecurringJob_FiresOncePerOccurrence_WithTwoServersScheduling()
    {
        var jobs = new Dictionary<string, string?> { ["Insights:Role"] = "all" };
        await using var first = await InsightsTestServer.StartAsync(jobs, clickHouseUrl: TestCluster.Url(1), cluster: TestCluster.Name);
        await using var second = await InsightsTestServer.StartAsync(jobs, reuse: first, ownSpool: true, clickHouseUrl: TestCluster.Url(3), cluster: TestCluster.Name);
        var log = Path.Combine(Path.GetTempPath(), "insights-occurrences-" + Guid.NewGuid().ToString("N"));
        var id = "test-" + Guid.NewGuid().ToString("N")[..8];

        // Every 2 seconds; both servers run Hangfire's scheduler over the same PostgreSQL.
        first.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate(id, () => OccurrenceLog.Record(log, null!), "*/2 * * * * *");
        await LocalProcess.WaitUntilAsync(() => Task.FromResult(File.Exists(log) && File.ReadAllLines(log).Length >= 6), TimeSpan.FromSeconds(60), "six occurrences");
        second.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(id);

        var occurrences = File.ReadAllLines(log);
        File.Delete(log);
        Assert.Equal(occurrences.Length, occurrences.Distinct().Count());
    }

    [Fact]
    public async Task AKeyRevokedOnOneServer_StopsWorkingOnTheOther_WithinItsCacheTime()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var first = await InsightsTestServer.StartAsync(clickHouseUrl: TestCluster.Url(1), cluster: TestCluster.Name);
        await using var second = await InsightsTestServer.StartAsync(
            configure: builder => builder.Services.AddSingleton<TimeProvider>(clock), reuse: first, ownSpool: true, clickHouseUrl: TestCluster.Url(2), cluster: TestCluster.Name);
        var created = await first.Client.PostAsJsonAsync("/api/v1/keys", new { name = "reader", scopes = new[] { "read" } });
        var key = await created.Content.ReadFromJsonAsync<JsonElement>();
        using var reader = second.CreateClient(key.GetProperty("key").GetString());
        const string Question = "/api/v1/metrics/deployment-frequency?from=2026-01-05&to=2026-01-12";
        var before = await reader.GetAsync(Question);

        var revoked = await first.Client.DeleteAsync($"/api/v1/keys/{key.GetProperty("id").GetString()}");
        clock.Advance(TimeSpan.FromSeconds(30));
        var after = await reader.GetAsync(Question);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task EachServer_FlushesItsOwnSpool_IntoTheOneWarehouse()
    {
        await using var first = await InsightsTestServer.StartAsync(clickHouseUrl: TestCluster.Url(1), cluster: TestCluster.Name);
        await using var second = await InsightsTestServer.StartAsync(reuse: first, ownSpool: true, clickHouseUrl: TestCluster.Url(3), cluster: TestCluster.Name);
        object Deployment(string id) => new { id, service = "svc-" + id, environment = "production", status = "success", finished_at = "2026-01-06T10:00:00Z" };

        await first.PushAllAsync("deployments", Enumerable.Range(0, 30).Select(i => Deployment($"a{i}")));
        await second.PushAllAsync("deployments", Enumerable.Range(0, 30).Select(i => Deployment($"b{i}")));
        // The same deployment through both servers: two copies, one deployment.
        await first.PushAllAsync("deployments", [Deployment("both")]);
        await second.PushAllAsync("deployments", [Deployment("both")]);
        await Task.WhenAll(first.FlushAsync(), second.FlushAsync());

        Assert.NotEqual(first.SpoolPath, second.SpoolPath);
        foreach (var server in new[] { first, second })
        {
            var answer = await server.Client.GetFromJsonAsync<JsonElement>("/api/v1/metrics/deployment-frequency?from=2026-01-05&to=2026-01-12");
            Assert.Equal(61, answer.GetProperty("summary").GetProperty("n").GetInt32());
        }
    }
}

public static class OccurrenceLog
{
    /// <summary>Appends the occurrence this run belongs to: the recurring job's id and its scheduled time.</summary>
    public static void Record(string path, PerformContext context)
    {
        var time = context.GetJobParameter<long>("Time");
        File.AppendAllText(path, $"{context.GetJobParameter<string>("RecurringJobId")} {time}{Environment.NewLine}");
    }
}
