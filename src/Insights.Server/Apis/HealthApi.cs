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
        app.MapGet("/healthz", () => TypedResults.Text("ok")).WithTags("Operations").AllowAnonymous();
        app.MapGet("/readyz", ReadyAsync).WithTags("Operations").AllowAnonymous();
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
        var body = new { status = ready ? "ready" : "not ready", checks, spool_pending_bytes = spool.PendingBytes };
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
}
