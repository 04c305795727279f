using Insights.Warehouse.ClickHouse;

namespace Insights.TestSupport;

/// <summary>
/// The local ClickHouse cluster ./test.sh starts for the cluster tests (services.sh: ZooKeeper and three
/// ClickHouse 18.16 servers; shard 1 = nodes 1 and 2, shard 2 = node 3). Tests may kill a node or stop
/// ZooKeeper; <see cref="StartAsync"/> brings back whatever is not running, as ./test.sh started it.
/// </summary>
public static class TestCluster
{
    public const string Name = "insights";

    /// <summary>The port base of services.sh (INSIGHTS_TEST_CLUSTER_PORT): ZooKeeper there, node n at base + 10n + 1 (HTTP).</summary>
    public static int PortBase { get; } = int.Parse(Environment.GetEnvironmentVariable("INSIGHTS_TEST_CLUSTER_PORT") ?? "32100", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The cluster's data folder (pid files, configs), .data/test/cluster.</summary>
    public static string Directory { get; } = Environment.GetEnvironmentVariable("INSIGHTS_TEST_CLUSTER_DIR") ?? ".data/test/cluster";

    private static string ServicesScript { get; } = Environment.GetEnvironmentVariable("INSIGHTS_TEST_SERVICES_SCRIPT") ?? "services.sh";

    public static string Url(int node) => $"http://127.0.0.1:{PortBase + (10 * node) + 1}";

    /// <summary>A client of one node (no cluster option: for reading its own local tables).</summary>
    public static ClickHouseClient Node(int node, string database) => new(new HttpClient(), new ClickHouseOptions
    {
        Url = Url(node),
        Database = database,
        QueryTimeout = TimeSpan.FromSeconds(60),
    });

    /// <summary>SIGKILL of one ClickHouse node, as a crash or an OOM kill would.</summary>
    public static Task KillNodeAsync(int node) => KillAsync(Path.Combine(Directory, $"node{node}", "clickhouse.pid"));

    /// <summary>SIGKILL of ZooKeeper: every node loses its coordination at once.</summary>
    public static Task KillZooKeeperAsync() => KillAsync(Path.Combine(Directory, "zookeeper", "zookeeper.pid"));

    private static async Task KillAsync(string pidFile)
    {
        var pid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using (var process = System.Diagnostics.Process.GetProcessById(pid))
        {
            process.Kill();
        }

        // Not our child, so not waitable: gone, or a zombie nobody has reaped yet, is dead enough.
        await LocalProcess.WaitUntilAsync(
            () => Task.FromResult(!File.Exists($"/proc/{pid}/stat") || File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z')),
            TimeSpan.FromSeconds(30), $"the end of process {pid}");
    }

    /// <summary>Starts whatever of the cluster is not running (services.sh's insights_start_cluster) and waits for it.</summary>
    public static Task StartAsync() => LocalProcess.RunAsync(
        "bash", "-c", "source \"$1\" && insights_start_cluster \"$2\" \"$3\"", "bash", ServicesScript, Directory, PortBase.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
