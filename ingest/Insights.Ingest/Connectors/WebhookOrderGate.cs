using Dapper;
using Insights.Warehouse.Intake;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Insights.Ingest.Connectors;

/// <summary>Where a delivery stands among the deliveries about one object: compared as a tuple.</summary>
/// <param name="Rank">States that a later delivery must never undo rank higher (GitHub: success over failure over running).</param>
/// <param name="OccurredAt">When the vendor says the change happened.</param>
/// <param name="Sequence">The vendor's tie-break for one instant (GitHub: the status id), else 0.</param>
public readonly record struct WebhookOrder(short Rank, DateTimeOffset OccurredAt, long Sequence);

/// <summary>
/// Vendors deliver webhooks in no guaranteed order and retry them, so an <c>in_progress</c> status can
/// arrive after the <c>success</c> that followed it, or an incident's trigger after its resolution. Every
/// copy of an event replaces the last, so the gate lets a delivery through only when its
/// <see cref="WebhookOrder"/> is not lower than that of the delivery applied so far for the same object:
/// whatever order they come in, the stored state ends as the latest delivery says — also when several
/// servers take the deliveries: the row lock orders them, and each write gets ingestion versions above
/// what the previous one wrote (<c>version_floor</c>), whatever the servers' clocks say.
/// </summary>
/// <remarks>
/// While PostgreSQL is unreachable deliveries are written without the check: GitHub does not retry a
/// failed delivery, and a lost event is worse than a rare out-of-order one (ingest keeps working without
/// PostgreSQL, docs/operations.md).
/// </remarks>
public sealed class WebhookOrderGate(NpgsqlDataSource db, TimeProvider clock, IngestVersion versions, ILogger<WebhookOrderGate> logger)
{
    /// <summary>
    /// Runs <paramref name="write"/> when the delivery may replace the one applied so far, and records the
    /// delivery's position when the write took its event (true).
    /// </summary>
    /// <param name="stream">The kind of object (e.g. <c>github-deployment</c>), so ids of two vendors never meet.</param>
    /// <returns>False when a later delivery was applied already (nothing written), or the write refused the event.</returns>
    public async Task<bool> ApplyAsync(string stream, string objectId, WebhookOrder order, Func<CancellationToken, Task<bool>> write, CancellationToken cancellationToken)
    {
        NpgsqlConnection connection;
        try
        {
            connection = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogWarning("PostgreSQL is unreachable ({Error}): the {Stream} delivery for {Object} is written without its order check", ex.Message, stream, objectId);
            return await write(cancellationToken).ConfigureAwait(false);
        }

        await using var owned = connection;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // ON CONFLICT DO UPDATE locks the existing row even when its WHERE refuses the update, so two
        // deliveries about one object are applied one after the other: a stale one can never be written
        // after a newer one. The write happens inside the transaction; if it fails or refuses the event, nothing is recorded.
        // RETURNING reads version_floor as the previous delivery left it (this statement does not set it).
        var floor = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO webhook_order AS o (stream, object_id, rank, occurred_at, sequence, updated_at)
            VALUES (@stream, @objectId, @Rank, @occurredAt, @Sequence, @now)
            ON CONFLICT (stream, object_id) DO UPDATE
            SET rank = excluded.rank, occurred_at = excluded.occurred_at, sequence = excluded.sequence, updated_at = excluded.updated_at
            WHERE (excluded.rank, excluded.occurred_at, excluded.sequence) >= (o.rank, o.occurred_at, o.sequence)
            RETURNING o.version_floor
            """,
            new { stream, objectId, order.Rank, occurredAt = order.OccurredAt.UtcDateTime, order.Sequence, now = clock.GetUtcNow().UtcDateTime },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (floor is null)
        {
            return false;
        }

        versions.AdvancePast((ulong)floor.Value);
        if (!await write(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        // Versions are strictly increasing in this process: this one is above every version the write took.
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_order SET version_floor = @floor WHERE stream = @stream AND object_id = @objectId",
            new { floor = (long)versions.Next(), stream, objectId },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
