using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.ClickHouse.Cluster;
using Insights.Warehouse.Postgres;
using Npgsql;

namespace Insights.Server.Hosting;

/// <summary>
/// Brings both databases to the current schema before the server takes requests. Waits a while
/// for them to come up (services started together with the server), then gives up loudly.
/// On a ClickHouse cluster, a cluster that cannot hold the warehouse (a wrong cluster name, no
/// ZooKeeper, a shard down) does not stop the server: it starts, says what is wrong in <c>/readyz</c>
/// (<see cref="ClickHouseProblem"/>) and the log, keeps pushes in the spool and migrates once the
/// cluster is fixed. It never falls back to a single server.
/// </summary>
public sealed class StartupMigrations(
    ClickHouseMigrator clickHouse,
    ClickHouseClient client,
    PostgresMigrator postgres,
    NpgsqlDataSource postgresSource,
    IConfiguration configuration,
    ILogger<StartupMigrations> logger) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan ClusterRetry = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _retrying;

    /// <summary>Why the ClickHouse schema is not (yet) in place on the cluster; null once it is.</summary>
    public string? ClickHouseProblem { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(configuration.GetValue("Startup:WaitSeconds", 60));
        await RetryAsync("PostgreSQL", () => postgres.MigrateAsync(cancellationToken), wait, cancellationToken);
        if (!client.Options.IsCluster)
        {
            await RetryAsync("ClickHouse", () => MigrateClickHouseAsync(cancellationToken), wait, cancellationToken);
            return;
        }

        if (await TryMigrateClusterAsync(cancellationToken))
        {
            return;
        }

        _retrying = Task.Run(async () =>
        {
            while (!_stopping.IsCancellationRequested)
            {
                await Task.Delay(ClusterRetry, _stopping.Token);
                if (await TryMigrateClusterAsync(_stopping.Token))
                {
                    return;
                }
            }
        }, CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_retrying is not null)
        {
            try
            {
                await _retrying.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<bool> TryMigrateClusterAsync(CancellationToken cancellationToken)
    {
        try
        {
            await MigrateClickHouseAsync(cancellationToken);
            if (ClickHouseProblem is not null)
            {
                logger.LogInformation("ClickHouse cluster '{Cluster}' is usable again; its schema is in place", client.Options.Cluster);
            }

            ClickHouseProblem = null;
            return true;
        }
        catch (Exception ex) when (ex is ClusterProblemException or ClickHouseException or HttpRequestException or TimeoutException or NpgsqlException)
        {
            var problem = ex is ClusterProblemException ? ex.Message : $"Migrating the ClickHouse cluster '{client.Options.Cluster}' failed: {ex.Message}";
            if (problem != ClickHouseProblem)
            {
                logger.LogError("{Problem} Pushes are kept in the spool; retrying every {Seconds} s.", problem, ClusterRetry.TotalSeconds);
            }

            ClickHouseProblem = problem;
            return false;
        }
    }

    /// <summary>
    /// Two servers starting together migrate one after the other: the lock is PostgreSQL's, which they share
    /// (ClickHouse has none), so an ALTER is never run twice at once.
    /// </summary>
    private async Task MigrateClickHouseAsync(CancellationToken cancellationToken)
    {
        await using var migrationLock = await PostgresAdvisoryLock.AcquireAsync(postgresSource, PostgresAdvisoryLock.ClickHouseMigrations, cancellationToken);
        await clickHouse.MigrateAsync(cancellationToken);
    }

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
