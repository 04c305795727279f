using System.Net.Http;
using Insights.Warehouse.ClickHouse;

namespace Insights.TestSupport;

/// <summary>
/// Where the test ClickHouse and PostgreSQL run. ./test.sh starts them and exports these
/// variables; the defaults are the ports it uses. A service that is not there fails the test
/// (never skips it): run ./test.sh.
/// </summary>
public static class TestServices
{
    /// <summary>The single ClickHouse server ./test.sh starts.</summary>
    public static string SingleNodeClickHouseUrl { get; } =
        Environment.GetEnvironmentVariable("INSIGHTS_TEST_CLICKHOUSE_URL") ?? "http://127.0.0.1:38123";

    /// <summary>
    /// Set when ./test.sh runs the cluster tests (INSIGHTS_TEST_CLUSTER=1): every test server and database
    /// then lives on the local ClickHouse cluster it started (<see cref="TestCluster"/>), not on the single server.
    /// </summary>
    public static bool OnCluster { get; } = Environment.GetEnvironmentVariable("INSIGHTS_TEST_CLUSTER") == "1";

    /// <summary>The cluster name the test servers use on the cluster, else empty (a single server).</summary>
    public static string Cluster => OnCluster ? TestCluster.Name : string.Empty;

    /// <summary>Where test servers and databases live: node 1 of the cluster in the cluster run, else the single server.</summary>
    public static string ClickHouseUrl => OnCluster ? TestCluster.Url(1) : SingleNodeClickHouseUrl;

    /// <summary>
    /// An address where nothing listens (a port just freed): a client pointed there fails at once,
    /// unlike a tiny query timeout, which a fast answer on a busy machine can beat.
    /// </summary>
    public static string UnreachableClickHouseUrl()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
    }

    /// <summary>A connection string to the server's maintenance database (fresh databases are created from it).</summary>
    public static string PostgresAdmin { get; } =
        Environment.GetEnvironmentVariable("INSIGHTS_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=35432;Username=postgres;Database=postgres";

    private static readonly HttpClient SharedHttp = new(ClickHouseClient.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>A client for <paramref name="database"/> on the test server.</summary>
    public static ClickHouseClient ClickHouse(string database = "default", TimeSpan? timeout = null) => new(SharedHttp, new ClickHouseOptions
    {
        Url = ClickHouseUrl,
        Database = database,
        Cluster = Cluster,
        QueryTimeout = timeout ?? TimeSpan.FromSeconds(60),
    });

    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
