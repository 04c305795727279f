using Insights.Server.Hosting;
using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.ClickHouse.Cluster;
using Insights.Warehouse.Intake;
using Npgsql;

namespace Insights.Server.Apis;

/// <summary>Liveness and readiness for orchestrators and load balancers.</summary>
public static class HealthApi
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok")).WithTags("Operations").AllowAnonymous()
            .WithName("Health").WithSummary("The process is up").Produces<string>(StatusCodes.Status200OK, "text/plain");
        app.MapGet("/readyz", ReadyAsync).WithTags("Operations").AllowAnonymous()
            .WithName("Ready").WithSummary("ClickHouse and PostgreSQL are reachable (503 with the same body when not)")
            .Produces<ReadyResponse>().Produces<ReadyResponse>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> ReadyAsync(ClickHouseClient clickHouse, NpgsqlDataSource postgres, EventSpool spool, StartupMigrations migrations, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CheckTimeout);
        var clickHouseCheck = CheckClickHouseAsync(clickHouse, timeout.Token);
        var postgresCheck = CheckPostgresAsync(postgres, timeout.Token);
        var clusterCheck = clickHouse.Options.IsCluster ? CheckClusterAsync(clickHouse, migrations, timeout.Token) : null;
        var checks = new Dictionary<string, string>
        {
            ["clickhouse"] = await clickHouseCheck,
            ["postgres"] = await postgresCheck,
        };
        var warnings = new List<string>();
        if (clusterCheck is not null)
        {
            var (state, clusterWarnings) = await clusterCheck;
            checks["clickhouse_cluster"] = state;
            warnings.AddRange(clusterWarnings);
        }

        var ready = checks.Values.All(v => v == "ok");
        var body = new ReadyResponse(ready ? "ready" : "not ready", checks, warnings, spool.PendingBytes);
        return TypedResults.Json(body, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Cluster mode: "ok", or what is wrong and which setting to change (ClusterCheck), or why the schema is not in place yet.</summary>
    private static async Task<(string State, IReadOnlyList<string> Warnings)> CheckClusterAsync(ClickHouseClient clickHouse, StartupMigrations migrations, CancellationToken ct)
    {
        try
        {
            var status = await ClusterCheck.CheckAsync(clickHouse, ct);
            var problems = status.Problems.ToList();
            if (problems.Count == 0 && migrations.ClickHouseProblem is { } migration)
            {
                problems.Add(migration);
            }

            return (problems.Count == 0 ? "ok" : string.Join(" ", problems), status.Warnings);
        }
        catch (OperationCanceledException)
        {
            return ("timeout", []);
        }
        catch (Exception ex) when (ex is ClickHouseException or TimeoutException)
        {
            return (ex.Message, []);
        }
    }

    private static async Task<string> CheckClickHouseAsync(ClickHouseClient clickHouse, CancellationToken ct)
    {
        try
        {
            return await clickHouse.PingAsync(ct) ? "ok" : "unreachable";
        }
        catch (OperationCanceledException)
        {
            return "timeout";
        }
    }

    private static async Task<string> CheckPostgresAsync(NpgsqlDataSource postgres, CancellationToken ct)
    {
        try
        {
            await using var command = postgres.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(ct);
            return "ok";
        }
        catch (OperationCanceledException)
        {
            return "timeout";
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            return "unreachable";
        }
    }

    /// <summary>What <c>/readyz</c> answers: each database's check ("ok" or why not) and the bytes still waiting in the spool.</summary>
    public sealed record ReadyResponse(string Status, IReadOnlyDictionary<string, string> Checks, IReadOnlyList<string> Warnings, long SpoolPendingBytes);
}
