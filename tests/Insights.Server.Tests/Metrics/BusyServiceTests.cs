using System.Net.Http.Json;
using Insights.Domain.Metrics;
using Insights.TestSupport;
using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Insights.Server.Tests.Metrics;

/// <summary>
/// A service that deploys thousands of times a day (a load test, a busy monorepo) must cost memory in
/// proportion to its deployments. Lead time's by-time attribution once copied a service's whole
/// timeline into each of its deployments' rows: 20,000 deployments needed ~2 GiB and 40,000 killed
/// ClickHouse; finding incidents' causes copied the service's deployments into each incident's row.
/// Here every metric is asked under a 256 MiB per-query limit.
/// </summary>
public sealed class BusyServiceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int Deployments = 20_000;
    private const int Incidents = 2_000;

    [Fact]
    public async Task EveryMetric_OfAServiceWithTwentyThousandDeploymentsADay_AndTwoThousandIncidents_FitsInAQuarterGigabyte()
    {
        var prefix = $"busy{Guid.NewGuid():N}"[..12];
        var day = new DateTime(2026, 2, 10, 0, 0, 0, DateTimeKind.Utc);
        foreach (var chunk in Enumerable.Range(0, Deployments).Chunk(10_000))
        {
            await Push("deployments", chunk.Select(i => new
            {
                id = $"{prefix}-d{i}",
                service = $"{prefix}-svc",
                environment = "production",
                status = "success",
                finished_at = IsoTime.Of(day.AddSeconds(i * 4)),
            }));
        }

        // Changes of that service, attributed by time (its deployments list no commits).
        await Push("pull-requests", Enumerable.Range(1, 300).Select(i => new
        {
            repository = $"{prefix}/mono",
            number = i,
            author = "someone",
            service = $"{prefix}-svc",
            created_at = IsoTime.Of(day.AddHours(-3)),
            merged_at = IsoTime.Of(day.AddSeconds(i * 250)),
            merge_commit_sha = $"{prefix}-c{i}",
        }));
        // Incidents of that service (change-related, so each looks for the deployment that caused it).
        await Push("incidents", Enumerable.Range(0, Incidents).Select(i => new
        {
            id = $"{prefix}-i{i}",
            service = $"{prefix}-svc",
            title = "latency",
            started_at = IsoTime.Of(day.AddSeconds(30 + (i * 40))),
            resolved_at = IsoTime.Of(day.AddSeconds(30 + (i * 40) + 900)),
            change_related = true,
        }));
        await fixture.Server.FlushAsync();

        using var http = new HttpClient(ClickHouseClient.CreateHandler());
        var clickHouse = new ClickHouseClient(http, new ClickHouseOptions
        {
            Url = TestServices.ClickHouseUrl,
            Database = fixture.Server.ClickHouseDatabase.Name,
            QueryTimeout = TimeSpan.FromSeconds(120),
            MaxQueryMemoryBytes = 256L * 1024 * 1024,
        });
        var options = fixture.Server.Services.GetRequiredService<IOptionsMonitor<MetricsOptions>>().CurrentValue;
        var engine = new MetricEngine(clickHouse, new FixedMetricsOptions(options), TimeProvider.System);

        var failures = new List<string>();
        foreach (var metric in MetricCatalog.All)
        {
            try
            {
                await engine.ComputeAsync(new MetricQuery(metric, new DateOnly(2026, 2, 9), new DateOnly(2026, 2, 16)));
            }
            catch (ClickHouseException ex)
            {
                failures.Add($"{metric.Name}: {ex.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));

        var leadTime = await engine.ComputeAsync(new MetricQuery(MetricCatalog.LeadTime, new DateOnly(2026, 2, 9), new DateOnly(2026, 2, 16)) { Service = $"{prefix}-svc" });
        var frequency = await engine.ComputeAsync(new MetricQuery(MetricCatalog.DeploymentFrequency, new DateOnly(2026, 2, 9), new DateOnly(2026, 2, 16)) { Service = $"{prefix}-svc" });
        Assert.Equal(300, leadTime.Summary.N);
        Assert.Equal(Deployments, frequency.Summary.N);
        var failureRate = await engine.ComputeAsync(new MetricQuery(MetricCatalog.ChangeFailureRate, new DateOnly(2026, 2, 9), new DateOnly(2026, 2, 16)) { Service = $"{prefix}-svc" });
        // Each incident blames the deployment of the seconds before it: 2,000 of 20,000 failed; the
        // deployment of the seconds after it is a remediation.
        Assert.Equal(100.0 * Incidents / Deployments, failureRate.Summary.Value);
        var rework = await engine.ComputeAsync(new MetricQuery(MetricCatalog.ReworkRate, new DateOnly(2026, 2, 9), new DateOnly(2026, 2, 16)) { Service = $"{prefix}-svc" });
        Assert.Equal(100.0 * Incidents / Deployments, rework.Summary.Value);
    }

    private async Task Push<T>(string route, IEnumerable<T> items)
    {
        var response = await fixture.Server.Client.PostAsJsonAsync($"/api/v1/{route}", items.ToList());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
