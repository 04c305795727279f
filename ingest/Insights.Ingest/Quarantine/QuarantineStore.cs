using Dapper;
using Npgsql;

namespace Insights.Ingest.Quarantine;

/// <summary>The quarantined items of every connector, in PostgreSQL (table connector_quarantine).</summary>
public sealed class QuarantineStore(NpgsqlDataSource db, TimeProvider clock)
{
    private const string Columns =
        "connector, kind, item_key AS Key, field, reason, raw, raw_truncated AS RawTruncated, " +
        "first_seen_at AS FirstSeenAt, last_seen_at AS LastSeenAt, attempts";

    /// <summary>The quarantine as a sync run sees it: what it holds now, to retry and to release.</summary>
    public async Task<QuarantineSession> OpenAsync(string connector, IReadOnlyCollection<string> secrets, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var held = await connection.QueryAsync<(string Kind, string Key, DateTime LastSeenAt)>(new CommandDefinition(
            "SELECT kind, item_key, last_seen_at FROM connector_quarantine WHERE connector = @connector ORDER BY last_seen_at, item_key",
            new { connector }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new QuarantineSession(this, connector, held.Select(h => (h.Kind, h.Key)).ToList(), secrets);
    }

    public async Task<int> CountAsync(string connector, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM connector_quarantine WHERE connector = @connector", new { connector }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Counts per connector, for the list of sources.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Connector, int Count)>(new CommandDefinition(
            "SELECT connector, count(*)::int FROM connector_quarantine GROUP BY connector", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Connector, r => r.Count, StringComparer.Ordinal);
    }

    /// <summary>Newest first (by when each was first quarantined).</summary>
    public async Task<IReadOnlyList<QuarantineEntry>> ListAsync(string connector, int limit, int offset, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<QuarantineEntry>(new CommandDefinition(
            $"SELECT {Columns} FROM connector_quarantine WHERE connector = @connector ORDER BY first_seen_at DESC, kind, item_key LIMIT @limit OFFSET @offset",
            new { connector, limit, offset }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
    }

    /// <summary>Records what a run found wrong and releases what it found valid (or gone), in one transaction.</summary>
    internal async Task SaveAsync(string connector, IReadOnlyCollection<HeldItem> held, IReadOnlyCollection<(string Kind, string Key)> released, CancellationToken cancellationToken)
    {
        if (held.Count == 0 && released.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var group in released.GroupBy(r => r.Kind, StringComparer.Ordinal))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM connector_quarantine WHERE connector = @connector AND kind = @kind AND item_key = ANY(@keys)",
                new { connector, kind = group.Key, keys = group.Select(r => r.Key).ToArray() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        foreach (var item in held)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO connector_quarantine AS q (connector, kind, item_key, field, reason, raw, raw_truncated, first_seen_at, last_seen_at, attempts)
                VALUES (@connector, @Kind, @Key, @Field, @Reason, @Raw, @RawTruncated, @now, @now, 1)
                ON CONFLICT (connector, kind, item_key) DO UPDATE
                SET field = excluded.field, reason = excluded.reason, raw = excluded.raw, raw_truncated = excluded.raw_truncated,
                    last_seen_at = excluded.last_seen_at, attempts = q.attempts + 1
                """,
                new { connector, item.Kind, item.Key, item.Field, item.Reason, item.Raw, item.RawTruncated, now },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
