namespace Insights.Benchmarks;

/// <summary>Where bench.sh put the services and the server build.</summary>
public sealed record BenchEnvironment(string ClickHouseUrl, string PostgresAdmin, string ServerDll, string DataDir)
{
    public static BenchEnvironment FromEnvironment() => new(
        Require("INSIGHTS_BENCH_CLICKHOUSE_URL"),
        Require("INSIGHTS_BENCH_POSTGRES"),
        Require("INSIGHTS_BENCH_SERVER_DLL"),
        Require("INSIGHTS_BENCH_DATA"));

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the benchmarks through ./bench.sh.");
}
