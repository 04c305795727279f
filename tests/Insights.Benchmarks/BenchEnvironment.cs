using Insights.Warehouse.ClickHouse;

namespace Insights.Benchmarks;

/// <summary>
/// Where bench.sh put the services and the server build. With <c>--cluster</c> it also started the local
/// ClickHouse cluster (<see cref="ClusterUrl"/>); <see cref="OnCluster"/> points a benchmark at it.
/// </summary>
public sealed record BenchEnvironment(string ClickHouseUrl, string PostgresAdmin, string ServerDll, string DataDir)
{
    /// <summary>The cluster name the server is given (ClickHouse:Cluster), empty for the single server.</summary>
    public string Cluster { get; init; } = "";

    /// <summary>Node 1 of the local cluster, when bench.sh started it.</summary>
    public string? ClusterUrl { get; init; }

    public string ClusterName { get; init; } = "";

    /// <summary>"single node" or "cluster", for printed figures.</summary>
    public string Label => Cluster.Length == 0 ? "single node" : "cluster";

    public static BenchEnvironment FromEnvironment() => new(
        Require("INSIGHTS_BENCH_CLICKHOUSE_URL"),
        Require("INSIGHTS_BENCH_POSTGRES"),
        Require("INSIGHTS_BENCH_SERVER_DLL"),
        Require("INSIGHTS_BENCH_DATA"))
    {
        ClusterUrl = Environment.GetEnvironmentVariable("INSIGHTS_BENCH_CLUSTER_URL"),
        ClusterName = Environment.GetEnvironmentVariable("INSIGHTS_BENCH_CLUSTER_NAME") ?? "",
    };

    /// <summary>The same benchmark against the cluster bench.sh started (./bench.sh … --cluster).</summary>
    public BenchEnvironment OnCluster() => ClusterUrl is null
        ? throw new InvalidOperationException("No cluster: run ./bench.sh <benchmark> --cluster, which starts one.")
        : this with { ClickHouseUrl = ClusterUrl, Cluster = ClusterName };

    /// <summary>A client of the benchmark's warehouse database.</summary>
    public ClickHouseClient Warehouse(string database) => new(new HttpClient(), new ClickHouseOptions
    {
        Url = ClickHouseUrl,
        Database = database,
        Cluster = Cluster,
        QueryTimeout = TimeSpan.FromMinutes(5),
    });

    /// <summary>Drops a benchmark's database (on every node of a cluster).</summary>
    public Task DropAsync(string database) => Warehouse(database).ExecuteAsync(
        $"DROP DATABASE IF EXISTS {SqlLiteral.Identifier(database)}{(Cluster.Length > 0 ? $" ON CLUSTER {SqlLiteral.Identifier(Cluster)}" : "")}", useDatabase: false);

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the benchmarks through ./bench.sh.");
}
