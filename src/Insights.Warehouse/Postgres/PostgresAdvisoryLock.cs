using Dapper;
using Npgsql;

namespace Insights.Warehouse.Postgres;

/// <summary>
/// A session-level PostgreSQL advisory lock, held until disposed: how instances that share one
/// PostgreSQL take turns at work that must not run twice at once.
/// </summary>
public sealed class PostgresAdvisoryLock : IAsyncDisposable
{
    /// <summary>ClickHouse migrations (arbitrary constants that name this product's locks).</summary>
    public const long ClickHouseMigrations = 0x1A51_6475_0002;

    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private PostgresAdvisoryLock(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    public static async Task<PostgresAdvisoryLock> AcquireAsync(NpgsqlDataSource dataSource, long key, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return new PostgresAdvisoryLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = _key }).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The session ends with the connection, and its lock with it.
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
