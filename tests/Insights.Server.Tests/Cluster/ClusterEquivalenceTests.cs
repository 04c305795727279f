using System.Text.Json;
using Insights.Domain.Metrics;
using Insights.TestSupport;
using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Insights.Server.Tests.Cluster;

/// <summary>
/// The same random organisations pushed to a single ClickHouse server and to the cluster give the same
/// answer to every question: every metric, organisation-wide, per team (filtered and all teams at once),
/// per service, by golden path, per day, week and month. On the cluster, the corrections and re-sends go
/// through another node (another replica of the first shard) than the first copies.
/// </summary>
[Trait("Warehouse", "Cluster")]
public sealed class ClusterEquivalenceTests
{
    public static TheoryData<int> Seeds => new() { 31, 32 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task EveryAnswer_IsTheSame_OnOneServerAndOnTheCluster(int seed)
    {
        var org = RandomOrganisation.Create($"q{seed}{Guid.NewGuid():N}"[..12], seed);
        await using var single = await InsightsTestServer.StartAsync(clickHouseUrl: TestServices.SingleNodeClickHouseUrl);
        await using var first = await InsightsTestServer.StartAsync(clickHouseUrl: TestCluster.Url(1), cluster: TestCluster.Name);
        await using var second = await InsightsTestServer.StartAsync(reuse: first, ownSpool: true, clickHouseUrl: TestCluster.Url(2), cluster: TestCluster.Name);

        foreach (var (route, items) in org.FirstWave)
        {
            await single.PushAllAsync(route, items);
            await first.PushAllAsync(route, items);
        }

        await Task.WhenAll(single.FlushAsync(), first.FlushAsync());
        foreach (var (route, items) in org.Corrections)
        {
            await single.PushAllAsync(route, items);
            await second.PushAllAsync(route, items);
            await Task.WhenAll(single.FlushAsync(), second.FlushAsync());
        }

        var expected = single.Services.GetRequiredService<MetricEngine>();
        // Asked through the node that took the corrections: its reads of shard 1 are its own replica's.
        var actual = second.Services.GetRequiredService<MetricEngine>();
        var compared = 0;
        foreach (var query in Questions(org))
        {
            Assert.Equal(JsonSerializer.Serialize(await expected.ComputeAsync(query)), JsonSerializer.Serialize(await actual.ComputeAsync(query)));
            compared++;
            if (string.IsNullOrEmpty(query.Team) && string.IsNullOrEmpty(query.Service) && query.Metric != MetricCatalog.Nps)
            {
                var everyTeam = (await expected.ComputeByTeamAsync(query), await actual.ComputeByTeamAsync(query));
                foreach (var team in org.Teams)
                {
                    Assert.Equal(JsonSerializer.Serialize(everyTeam.Item1.For(team)), JsonSerializer.Serialize(everyTeam.Item2.For(team)));
                    compared++;
                }

                if (MetricEngine.GroupsByGoldenPath(query.Metric) && query.GoldenPath is null)
                {
                    var (one, many) = (await expected.ComputeByGoldenPathAsync(query), await actual.ComputeByGoldenPathAsync(query));
                    Assert.Equal(JsonSerializer.Serialize(one.GoldenPath), JsonSerializer.Serialize(many.GoldenPath));
                    Assert.Equal(JsonSerializer.Serialize(one.Other), JsonSerializer.Serialize(many.Other));
                    compared += 2;
                }
            }
        }

        // The comparisons mean something only if the questions found data, and the copies did spread.
        var range = new MetricQuery(MetricCatalog.LeadTime, new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 2));
        var samples = (await actual.ComputeAsync(range)).Summary.N;
        // Bots and labelled changes now leave some out: five are still enough to compare percentiles.
        Assert.True(samples >= 5, $"{samples} lead-time samples");
        Assert.True((await actual.ComputeAsync(range with { Metric = MetricCatalog.ChangeFailureRate })).Summary.N > 50);
        Assert.True(await RowsOnAsync(3, first.ClickHouseDatabase.Name) > 0, "shard 2 holds no deployment");
        Assert.True(compared > 100, $"{compared} answers compared");
    }

    [Fact]
    public async Task CopyWarehouse_MovesASingleServersDataOntoTheCluster_WithTheSameAnswers()
    {
        var org = RandomOrganisation.Create($"m{Guid.NewGuid():N}"[..12], 41);
        await using var single = await InsightsTestServer.StartAsync(clickHouseUrl: TestServices.SingleNodeClickHouseUrl);
        foreach (var (route, items) in org.FirstWave.Concat(org.Corrections))
        {
            await single.PushAllAsync(route, items);
            await single.FlushAsync();
        }

        await using var target = await TestClickHouseDatabase.CreateAsync(migrate: true, TestCluster.Url(1), TestCluster.Name);
        var copy = new WarehouseCopy(single.ClickHouse, target.Client, NullLogger<WarehouseCopy>.Instance);

        var copied = await copy.CopyAsync();
        // Done already: a second copy is refused instead of doubling the rows.
        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => copy.CopyAsync());
        Assert.Contains("already holds", again.Message);

        var rows = await single.ClickHouse.QueryScalarAsync<ulong>("SELECT count() FROM deployments");
        Assert.Contains(copied, t => t.Table == "deployments" && t.Rows == rows && rows > 100);
        await using var cluster = await InsightsTestServer.StartAsync(
            new Dictionary<string, string?> { ["ClickHouse:Database"] = target.Name }, clickHouseUrl: TestCluster.Url(1), cluster: TestCluster.Name);
        var expected = single.Services.GetRequiredService<MetricEngine>();
        var actual = cluster.Services.GetRequiredService<MetricEngine>();
        foreach (var query in Questions(org).Where(q => q.Interval == Interval.Week))
        {
            Assert.Equal(JsonSerializer.Serialize(await expected.ComputeAsync(query)), JsonSerializer.Serialize(await actual.ComputeAsync(query)));
        }
    }

    private static IEnumerable<MetricQuery> Questions(RandomOrganisation org)
    {
        foreach (var metric in MetricCatalog.All)
        {
            var range = new MetricQuery(metric, new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 2));
            yield return range;
            yield return range with { Interval = Interval.Day, From = new DateOnly(2026, 2, 2), To = new DateOnly(2026, 2, 16) };
            yield return range with { Interval = Interval.Month, From = new DateOnly(2025, 12, 1), To = new DateOnly(2026, 4, 1) };
            yield return range with { Service = org.Services[2] };
            foreach (var team in org.Teams)
            {
                yield return range with { Team = team };
            }

            if (metric.UsesDeployments)
            {
                yield return range with { GoldenPath = true };
                yield return range with { Environment = "staging" };
            }
        }
    }

    private static async Task<ulong> RowsOnAsync(int node, string database) =>
        await TestCluster.Node(node, database).QueryScalarAsync<ulong>("SELECT count() FROM deployments_local");
}
