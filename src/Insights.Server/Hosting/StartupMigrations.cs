using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Postgres;
using Npgsql;

namespace Insights.Server.Hosting;

/// <summary>
/// Brings both databases to the current schema before the server takes requests. Waits a while
/// for them to come up (services started together with the server), then gives up loudly.
/// </summary>
public sealed class StartupMigrations(
    ClickHouseMigrator clickHouse,
    PostgresMigrator postgres,
    IConfiguration configuration,
    ILogger<StartupMigrations> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(configuration.GetValue("Startup:WaitSeconds", 60));
        await RetryAsync("PostgreSQL", () => postgres.MigrateAsync(cancellationToken), wait, cancellationToken);
        await RetryAsync("ClickHouse", () => clickHouse.MigrateAsync(cancellationToken), wait, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RetryAsync(string what, Func<Task> migrate, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                await migrate();
                return;
            }
            catch (Exception ex) when ((ex is HttpRequestException or NpgsqlException or TimeoutException) && DateTime.UtcNow < deadline)
            {
                logger.LogWarning("{Database} is not reachable yet ({Error}); retrying", what, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }
}
