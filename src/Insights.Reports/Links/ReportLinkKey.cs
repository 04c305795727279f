using System.Security.Cryptography;
using Dapper;
using Npgsql;

namespace Insights.Reports.Links;

/// <summary>
/// The secret behind report download links, in PostgreSQL (sql/postgres/0010_report_link_key.sql) so that
/// every instance signs and checks with the same one; generated on first use. Read at each use, not cached:
/// links are signed and opened rarely, the PDFs they open live in the same database, and so a rotation
/// takes effect on every instance at once.
/// </summary>
public sealed class ReportLinkKey(NpgsqlDataSource db)
{
    public async Task<byte[]> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Two instances starting at once both try to create it; the first one's secret wins for both.
        return (await connection.ExecuteScalarAsync<byte[]>(new CommandDefinition(
            """
            INSERT INTO report_link_key (id, secret) VALUES (1, @secret) ON CONFLICT (id) DO NOTHING;
            SELECT secret FROM report_link_key WHERE id = 1;
            """,
            new { secret = RandomNumberGenerator.GetBytes(32) }, cancellationToken: cancellationToken)).ConfigureAwait(false))!;
    }

    /// <summary>Replaces the secret: every link signed before stops working, on every instance.</summary>
    public async Task<DateTime> RotateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rotatedAt = await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition(
            """
            INSERT INTO report_link_key (id, secret, rotated_at) VALUES (1, @secret, now())
            ON CONFLICT (id) DO UPDATE SET secret = EXCLUDED.secret, rotated_at = EXCLUDED.rotated_at
            RETURNING rotated_at
            """,
            new { secret = RandomNumberGenerator.GetBytes(32) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return DateTime.SpecifyKind(rotatedAt, DateTimeKind.Utc);
    }
}
