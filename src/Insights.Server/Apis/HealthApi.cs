using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Ingest;
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

    private static async Task<IResult> ReadyAsync(ClickHouseClient clickHouse, NpgsqlDataSource postgres, EventSpool spool, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CheckTimeout);
        var clickHouseCheck = CheckClickHouseAsync(clickHouse, timeout.Token);
        var postgresCheck = CheckPostgresAsync(postgres, timeout.Token);
        var checks = new Dictionary<string, string>
        {
            ["clickhouse"] = await clickHouseCheck,
            ["postgres"] = await postgresCheck,
        };
        var ready = checks.Values.All(v => v == "ok");
        var body = new ReadyResponse(ready ? "ready" : "not ready", checks, spool.PendingBytes);
        return TypedResults.Json(body, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
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
    public sealed record ReadyResponse(string Status, IReadOnlyDictionary<string, string> Checks, long SpoolPendingBytes);
}
