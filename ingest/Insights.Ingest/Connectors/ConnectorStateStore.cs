using System.Text.Json;
using Dapper;
using Npgsql;

namespace Insights.Ingest.Connectors;

/// <summary>Connector cursors and run outcomes in PostgreSQL (table connector_state).</summary>
public sealed class ConnectorStateStore(NpgsqlDataSource db, TimeProvider clock)
{
    private const string Columns =
        "name, kind, cursor, last_started_at AS LastStartedAt, last_finished_at AS LastFinishedAt, last_success_at AS LastSuccessAt, " +
        "last_rows AS LastRows, total_rows AS TotalRows, last_error AS LastError, consecutive_failures AS ConsecutiveFailures, " +
        "failing_parts::text AS FailingParts, warnings::text AS Warnings, progress::text AS Progress";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ConnectorState?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM connector_state WHERE name = @name", new { name }, cancellationToken: cancellationToken));
        return row?.ToState();
    }

    public async Task<IReadOnlyList<ConnectorState>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM connector_state ORDER BY name", cancellationToken: cancellationToken))).Select(r => r.ToState()).ToList();
    }

    public async Task StartedAsync(string name, string kind, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO connector_state (name, kind, last_started_at) VALUES (@name, @kind, @now)
            ON CONFLICT (name) DO UPDATE SET kind = @kind, last_started_at = @now, progress = NULL
            """,
            new { name, kind, now = Now() }, cancellationToken: cancellationToken));
    }

    public async Task ProgressAsync(string name, SyncProgress progress, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE connector_state SET progress = @progress::jsonb WHERE name = @name",
            new { name, progress = Jsonb(progress) }, cancellationToken: cancellationToken));
    }

    /// <summary>Moves the cursor: only ever after a run whose events are durable.</summary>
    public async Task SucceededAsync(string name, SyncResult result, RunReport report, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE connector_state
            SET cursor = @Cursor, last_finished_at = @now, last_success_at = @now, last_rows = @Rows,
                total_rows = total_rows + @Rows, last_error = NULL, consecutive_failures = 0,
                failing_parts = @failingParts::jsonb, warnings = @warnings::jsonb, progress = coalesce(@progress::jsonb, progress)
            WHERE name = @name
            """,
            new
            {
                name, result.Cursor, result.Rows, now = Now(),
                failingParts = Jsonb(report.FailingParts), warnings = Jsonb(report.Warnings), progress = report.Progress is null ? null : Jsonb(report.Progress),
            },
            cancellationToken: cancellationToken));
    }

    /// <summary>Records a failure; the cursor stays where it was.</summary>
    public async Task FailedAsync(string name, string error, RunReport report, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE connector_state
            SET last_finished_at = @now, last_error = @error, consecutive_failures = consecutive_failures + 1,
                failing_parts = @failingParts::jsonb, warnings = @warnings::jsonb, progress = coalesce(@progress::jsonb, progress)
            WHERE name = @name
            """,
            new
            {
                name, error = error.Length > 2000 ? error[..2000] : error, now = Now(),
                failingParts = Jsonb(report.FailingParts), warnings = Jsonb(report.Warnings), progress = report.Progress is null ? null : Jsonb(report.Progress),
            },
            cancellationToken: cancellationToken));
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private static string Jsonb<T>(T value) => JsonSerializer.Serialize(value, Json);

    private sealed record Row(
        string Name,
        string Kind,
        string? Cursor,
        DateTime? LastStartedAt,
        DateTime? LastFinishedAt,
        DateTime? LastSuccessAt,
        int? LastRows,
        long TotalRows,
        string? LastError,
        int ConsecutiveFailures,
        string? FailingParts,
        string? Warnings,
        string? Progress)
    {
        public ConnectorState ToState() => new(
            Name, Kind, Cursor, LastStartedAt, LastFinishedAt, LastSuccessAt, LastRows, TotalRows, LastError, ConsecutiveFailures,
            FailingParts is null ? [] : JsonSerializer.Deserialize<List<FailingPart>>(FailingParts, Json) ?? [],
            Warnings is null ? [] : JsonSerializer.Deserialize<List<string>>(Warnings, Json) ?? [],
            Progress is null ? null : JsonSerializer.Deserialize<SyncProgress>(Progress, Json));
    }
}
