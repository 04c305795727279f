using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Insights.TestSupport;
using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Intake;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Server.Tests.Cluster;

/// <summary>
/// Real faults of the local cluster while a server pushes and reads: a replica killed with SIGKILL,
/// ZooKeeper stopped, a shard down at start-up, a cluster name the servers do not know. Nothing
/// acknowledged is lost, nothing is counted twice, and /readyz says what is wrong and what to change.
/// </summary>
[Trait("Warehouse", "Cluster")]
[Collection(ClusterFaultsCollection.Name)]
public sealed class ClusterFaultTests : IAsyncLifetime
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(120);
    private readonly string _prefix = $"f{Guid.NewGuid():N}"[..10];
    private int _pushed;

    public Task InitializeAsync() => TestCluster.StartAsync();

    // Whatever a test stopped comes back for the next one.
    public Task DisposeAsync() => TestCluster.StartAsync();

    [Fact]
    public async Task AReplicaKilledWhilePushesAndReadsRun_LosesNothing_AndCountsNothingTwice()
    {
        await using var server = await InsightsTestServer.StartAsync(clickHouseUrl: TestCluster.Url(1), cluster: TestCluster.Name);
        var acknowledged = new HashSet<string>();
        var reads = new List<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await server.Client.GetAsync("/api/v1/metrics/deployment-frequency?from=2026-01-05&to=2026-03-02");
                reads.Add(response.StatusCode);
            }
        });

        for (var batch = 0; batch < 24; batch++)
        {
            if (batch == 8)
            {
                await TestCluster.KillNodeAsync(2);
            }

            if (batch == 16)
            {
                await TestCluster.StartAsync();
            }

            var items = Deployments(60);
            await server.PushAllAsync("deployments", items);
            acknowledged.UnionWith(items.Select(d => d.id));
            // Every third batch a re-send of the one before: new copies of known deployments.
            if (batch % 3 == 2)
            {
                await server.PushAllAsync("deployments", items);
            }

            await server.FlushAsync();
        }

        await stop.CancelAsync();
        await reader;

        // Node 2 catches up with what shard 1 stored while it was down, and node 1 with what the inserts
        // after the restart wrote through node 2; then both replicas hold the same rows. The restarted node
        // replicates only once ZooKeeper has let the killed process's session expire: until then its tables
        // are read-only and a SYNC REPLICA there would answer at once, with nothing fetched.
        var database = server.ClickHouseDatabase.Name;
        await LocalProcess.WaitUntilAsync(() => ReplicatingAsync(2, database), Recovery, "node 2 replicating again");
        await TestCluster.Node(2, database).ExecuteAsync("SYSTEM SYNC REPLICA deployments_local");
        await TestCluster.Node(1, database).ExecuteAsync("SYSTEM SYNC REPLICA deployments_local");
        var replica1 = await FingerprintAsync(1, database);
        var replica2 = await FingerprintAsync(2, database);
        var shard2 = await FingerprintAsync(3, database);
        Assert.Equal(replica1, replica2);
        Assert.Equal((ulong)acknowledged.Count, replica1.Ids + shard2.Ids);
        Assert.True(shard2.Ids > 0 && replica1.Ids > 0, "both shards hold deployments");
        // Each pushed copy is on disk once: no row was inserted twice by a retried flush.
        Assert.Equal(replica1.Rows, replica1.Versions);
        Assert.Equal(shard2.Rows, shard2.Versions);

        // The metric counts each acknowledged deployment once, read through the replica that was down.
        await using var throughNode2 = await InsightsTestServer.StartAsync(reuse: server, ownSpool: true, clickHouseUrl: TestCluster.Url(2), cluster: TestCluster.Name);
        var answer = await throughNode2.Client.GetFromJsonAsync<JsonElement>("/api/v1/metrics/deployment-frequency?from=2026-01-05&to=2026-03-02");
        Assert.Equal(acknowledged.Count, answer.GetProperty("summary").GetProperty("n").GetInt32());
        // Reads went on while the replica was down: node 1 serves shard 1 by itself.
        Assert.NotEmpty(reads);
        Assert.All(reads, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task ZooKeeperStopped_PushesWaitInTheSpool_AServerStartingMeanwhileSaysSo_AndAllLandWhenItIsBack()
    {
        await using var server = await InsightsTestServer.StartAsync(clickHouseUrl: TestCluster.Url(1), cluster: TestCluster.Name);
        var before = Deployments(40);
        await server.PushAllAsync("deployments", before);
        await server.FlushAsync();

        await TestCluster.KillZooKeeperAsync();
        var during = Deployments(40);
        await server.PushAllAsync("deployments", during);
        var flusher = server.Services.GetRequiredService<SpoolFlusher>();
        await LocalProcess.WaitUntilAsync(() => Task.FromResult(flusher.LastError is not null), Recovery, "a refused insert");
        var held = await ReadyAsync(server);
        // A server that starts now cannot create its tables: it says why instead of stopping or using one node.
        await using var starting = await InsightsTestServer.StartAsync(clickHouseUrl: TestCluster.Url(3), cluster: TestCluster.Name);
        var notMigrated = await ReadyAsync(starting);
        // Reads go on from the replicas as they are.
        var meanwhile = await server.Client.GetFromJsonAsync<JsonElement>("/api/v1/metrics/deployment-frequency?from=2026-01-05&to=2026-03-02");

        await TestCluster.StartAsync();
        await LocalProcess.WaitUntilAsync(async () => (await ReadyAsync(server)).Status == HttpStatusCode.OK && (await ReadyAsync(starting)).Status == HttpStatusCode.OK,
            Recovery, "both servers ready again");
        await server.FlushAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, held.Status);
        Assert.Contains("ZooKeeper", held.Cluster);
        Assert.True(held.PendingBytes > 0, "the pushes made during the outage wait in the spool");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notMigrated.Status);
        Assert.Contains("ZooKeeper", notMigrated.Cluster);
        Assert.Equal(before.Count, meanwhile.GetProperty("summary").GetProperty("n").GetInt32());
        var after = await server.Client.GetFromJsonAsync<JsonElement>("/api/v1/metrics/deployment-frequency?from=2026-01-05&to=2026-03-02");
        Assert.Equal(before.Count + during.Count, after.GetProperty("summary").GetProperty("n").GetInt32());
        Assert.Equal((ulong)(before.Count + during.Count), await server.ClickHouse.QueryScalarAsync<ulong>("SELECT count() FROM deployments"));
    }

    [Fact]
    public async Task AShardDownAtStartUp_IsNamedByReadiness_AndTheServerMigratesAndFlushesWhenItComesBack()
    {
        await TestCluster.KillNodeAsync(3);
        await using var server = await InsightsTestServer.StartAsync(clickHouseUrl: TestCluster.Url(1), cluster: TestCluster.Name);
        var down = await ReadyAsync(server);
        var pushed = Deployments(10);
        await server.PushAllAsync("deployments", pushed);

        await TestCluster.StartAsync();
        await LocalProcess.WaitUntilAsync(async () => (await ReadyAsync(server)).Status == HttpStatusCode.OK, Recovery, "the server ready");
        await server.FlushAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Status);
        Assert.Contains("Shard 2 of cluster 'insights' has no replica that answers", down.Cluster);
        Assert.Contains("remote_servers", down.Cluster);
        Assert.Equal((ulong)pushed.Count, await server.ClickHouse.QueryScalarAsync<ulong>("SELECT count() FROM deployments"));
    }

    [Fact]
    public async Task AClusterNameTheServersDoNotKnow_IsNamedByReadiness_AndNothingFallsBackToOneServer()
    {
        await using var server = await InsightsTestServer.StartAsync(clickHouseUrl: TestCluster.Url(1), cluster: "insigths");
        await server.PushAllAsync("deployments", Deployments(3));

        var ready = await ReadyAsync(server);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Contains("ClickHouse:Cluster is 'insigths'", ready.Cluster);
        Assert.Contains("it has: insights", ready.Cluster);
        Assert.True(ready.PendingBytes > 0, "the pushes wait in the spool");
        // No table was created on the node as if it were alone.
        Assert.Equal(0UL, await TestCluster.Node(1, "system").QueryScalarAsync<ulong>(
            $"SELECT count() FROM system.tables WHERE database = {SqlLiteral.String(server.ClickHouseDatabase.Name)}"));
    }

    private List<Deployment> Deployments(int count)
    {
        var start = new DateTime(2026, 1, 6, 0, 0, 0, DateTimeKind.Utc);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var n = Interlocked.Increment(ref _pushed);
            var finished = start.AddMinutes(n * 17 % (60 * 24 * 50));
            return new Deployment($"{_prefix}-d{n}", $"{_prefix}-s{n % 7}", "production", "success", IsoTime.Of(finished.AddMinutes(-5)), IsoTime.Of(finished));
        }).ToList();
    }

    private static async Task<(HttpStatusCode Status, string Cluster, long PendingBytes)> ReadyAsync(InsightsTestServer server)
    {
        using var response = await server.Anonymous.GetAsync("/readyz");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var checks = body.GetProperty("checks");
        return (response.StatusCode,
            checks.TryGetProperty("clickhouse_cluster", out var cluster) ? cluster.GetString()! : string.Empty,
            body.GetProperty("spool_pending_bytes").GetInt64());
    }

    // Replicating again once the replica's is_active node in ZooKeeper was created by the running process.
    private static async Task<bool> ReplicatingAsync(int node, string database)
    {
        var client = TestCluster.Node(node, database);
        var path = await client.QueryScalarAsync<string>(
            "SELECT replica_path FROM system.replicas WHERE database = currentDatabase() AND table = 'deployments_local'") ?? string.Empty;
        return await client.QueryScalarAsync<ulong>(
            $"SELECT count() FROM system.zookeeper WHERE path = {SqlLiteral.String(path)} AND name = 'is_active' AND ctime >= now() - uptime()") == 1;
    }

    private static async Task<(ulong Rows, ulong Versions, ulong Ids, ulong Hash)> FingerprintAsync(int node, string database)
    {
        var row = (await TestCluster.Node(node, database).QueryAsync<Dictionary<string, JsonElement>>(
            "SELECT count() AS rows, uniqExact(_version) AS versions, uniqExact(id) AS ids, sum(cityHash64(id, _version)) AS hash FROM deployments_local"))[0];
        ulong Read(string name) => ulong.Parse(row[name].ToString(), System.Globalization.CultureInfo.InvariantCulture);
        return (Read("rows"), Read("versions"), Read("ids"), Read("hash"));
    }

    private sealed record Deployment(string id, string service, string environment, string status, string started_at, string finished_at);
}
