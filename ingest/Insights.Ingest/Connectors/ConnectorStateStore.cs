using Dapper;
using Npgsql;

namespace Insights.Ingest.Connectors;

/// <summary>Connector cursors and run outcomes in PostgreSQL (table connector_state).</summary>
public sealed class ConnectorStateStore(NpgsqlDataSource db, TimeProvider clock)
{
    private const string Columns =
        "name, kind, cursor, last_started_at AS LastStartedAt, last_finished_at AS LastFinishedAt, last_success_at AS LastSuccessAt, " +
        "last_rows AS LastRows, total_rows AS TotalRows, last_error AS LastError, consecutive_failures AS ConsecutiveFailures";

    public async Task<ConnectorState?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ConnectorState>(new CommandDefinition(
            $"SELECT {Columns} FROM connector_state WHERE name = @name", new { name }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ConnectorState>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<ConnectorState>(new CommandDefinition(
            $"SELECT {Columns} FROM connector_state ORDER BY name", cancellationToken: cancellationToken))).ToList();
    }

    public async Task StartedAsync(string name, string kind, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO connector_state (name, kind, last_started_at) VALUES (@name, @kind, @now)
            ON CONFLICT (name) DO UPDATE SET kind = @kind, last_started_at = @now
            """,
            new { name, kind, now = Now() }, cancellationToken: cancellationToken));
    }

    /// <summary>Moves the cursor: only ever after a run whose events are durable.</summary>
    public async Task SucceededAsync(string name, SyncResult result, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE connector_state
            SET cursor = @Cursor, last_finished_at = @now, last_success_at = @now, last_rows = @Rows,
                total_rows = total_rows + @Rows, last_error = NULL, consecutive_failures = 0
            WHERE name = @name
            """,
            new { name, result.Cursor, result.Rows, now = Now() }, cancellationToken: cancellationToken));
    }

    /// <summary>Records a failure; the cursor stays where it was.</summary>
    public async Task FailedAsync(string name, string error, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE connector_state
            SET last_finished_at = @now, last_error = @error, consecutive_failures = consecutive_failures + 1
            WHERE name = @name
            """,
            new { name, error = error.Length > 2000 ? error[..2000] : error, now = Now() }, cancellationToken: cancellationToken));
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
