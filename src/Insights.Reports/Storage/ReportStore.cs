using System.Security.Cryptography;
using Dapper;
using Insights.Reports.Content;
using Insights.Reports.Rendering;
using Insights.Reports.Weeks;
using Npgsql;

namespace Insights.Reports.Storage;

/// <summary>The report archive and its delivery outbox in PostgreSQL (sql/postgres/0005_reports.sql).</summary>
public sealed class ReportStore(NpgsqlDataSource db)
{
    private const string Columns =
        "id AS Id, iso_week AS Week, week_start AS WeekStart, scope AS Scope, team AS Team, benchmark AS Benchmark, trigger AS Trigger, " +
        "generated_at AS GeneratedAt, pages AS Pages, size_bytes AS SizeBytes, sha256 AS Sha256";

    public static string PdfUrl(Guid id) => $"/api/v1/reports/{id}.pdf";

    public async Task<StoredReport?> FindAsync(IsoWeek week, ReportScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ReportRow>(new CommandDefinition(
            $"SELECT {Columns} FROM reports WHERE week_start = @WeekStart AND scope = @Scope AND team = @Team",
            new { WeekStart = week.Monday, Scope = scope.Kind, Team = scope.Team ?? "" },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : (await WithDeliveriesAsync(connection, [row], cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>Stores a report, replacing the one of the same week and scope (which keeps its id and deliveries).</summary>
    /// <returns>The stored report and whether it is new.</returns>
    public async Task<(StoredReport Report, bool Created)> SaveAsync(
        IsoWeek week, ReportScope scope, string benchmark, string trigger, DateTime generatedAt, RenderedReport rendered, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var saved = await connection.QuerySingleAsync<(Guid Id, bool Inserted)>(new CommandDefinition(
            """
            INSERT INTO reports (id, week_start, iso_week, scope, team, benchmark, trigger, generated_at, pages, size_bytes, sha256, pdf)
            VALUES (@Id, @WeekStart, @Week, @Scope, @Team, @Benchmark, @Trigger, @GeneratedAt, @Pages, @SizeBytes, @Sha256, @Pdf)
            ON CONFLICT (week_start, scope, team) DO UPDATE SET
                benchmark = EXCLUDED.benchmark, trigger = EXCLUDED.trigger, generated_at = EXCLUDED.generated_at,
                pages = EXCLUDED.pages, size_bytes = EXCLUDED.size_bytes, sha256 = EXCLUDED.sha256, pdf = EXCLUDED.pdf
            RETURNING id, (xmax = 0) AS inserted
            """,
            new
            {
                Id = Guid.NewGuid(),
                WeekStart = week.Monday,
                Week = week.ToString(),
                Scope = scope.Kind,
                Team = scope.Team ?? "",
                Benchmark = benchmark,
                Trigger = trigger,
                GeneratedAt = DateTime.SpecifyKind(generatedAt, DateTimeKind.Utc),
                rendered.Pages,
                SizeBytes = rendered.Pdf.Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(rendered.Pdf)),
                rendered.Pdf,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var report = await FindByIdAsync(connection, saved.Id, cancellationToken).ConfigureAwait(false);
        return (report!, saved.Inserted);
    }

    /// <param name="team">Only this team's reports.</param>
    /// <param name="scope">Only the organisation's (<c>organisation</c>) or only teams' (<c>team</c>) reports; null for both.</param>
    public async Task<IReadOnlyList<StoredReport>> ListAsync(IsoWeek? week, string? team, string? scope, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ReportRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM reports
            WHERE (@WeekStart::date IS NULL OR week_start = @WeekStart::date)
              AND (@Team::text IS NULL OR (scope = 'team' AND team = @Team::text))
              AND (@Scope::text IS NULL OR scope = @Scope::text)
            ORDER BY week_start DESC, scope DESC, team
            LIMIT @Limit
            """,
            new { WeekStart = week?.Monday, Team = team, Scope = scope, Limit = limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await WithDeliveriesAsync(connection, rows.ToList(), cancellationToken).ConfigureAwait(false);
    }

    public async Task<(StoredReport Report, byte[] Pdf)?> GetPdfAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var pdf = await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(
            "SELECT pdf FROM reports WHERE id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (pdf is null)
        {
            return null;
        }

        var report = await FindByIdAsync(connection, id, cancellationToken).ConfigureAwait(false);
        return report is null ? null : (report, pdf);
    }

    public async Task<StoredReport?> FindByIdAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await FindByIdAsync(connection, id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues an e-mail of the report to <paramref name="recipients"/>, due at <paramref name="now"/>.</summary>
    public async Task<Guid> AddDeliveryAsync(Guid reportId, IReadOnlyList<string> recipients, DateTime now, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        await using var connection = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO report_deliveries (id, report_id, recipients, status, next_attempt_at) VALUES (@id, @reportId, @Recipients, 'pending', @now)",
            new { id, reportId, Recipients = recipients.ToArray(), now = Utc(now) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return id;
    }

    /// <summary>
    /// Takes up to <paramref name="limit"/> due deliveries for one attempt each: pending ones whose time
    /// has come, and 'sending' ones whose sender died (claim expired). Safe with several instances.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryClaim>> ClaimDueAsync(DateTime now, TimeSpan claimFor, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DeliveryRow>(new CommandDefinition(
            """
            UPDATE report_deliveries SET status = 'sending', claimed_until = @ClaimedUntil
            WHERE id IN (
                SELECT id FROM report_deliveries
                WHERE (status = 'pending' AND next_attempt_at <= @Now) OR (status = 'sending' AND claimed_until < @Now)
                ORDER BY next_attempt_at
                LIMIT @Limit
                FOR UPDATE SKIP LOCKED)
            RETURNING id AS Id, report_id AS ReportId, recipients AS Recipients, attempts AS Attempts, status AS Status, next_attempt_at AS NextAttemptAt
            """,
            new { Now = Utc(now), ClaimedUntil = Utc(now + claimFor), Limit = limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new DeliveryClaim(r.Id, r.ReportId, r.Recipients, r.Attempts)).ToList();
    }

    public async Task MarkSentAsync(Guid id, DateTime now, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE report_deliveries SET status = 'sent', attempts = attempts + 1, sent_at = @now, claimed_until = NULL, last_error = NULL WHERE id = @id",
            new { id, now = Utc(now) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Records a failed attempt: pending again at <paramref name="retryAt"/>, or failed for good when that is null.</summary>
    public async Task MarkAttemptFailedAsync(Guid id, string error, DateTime? retryAt, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE report_deliveries
            SET attempts = attempts + 1, last_error = @error, claimed_until = NULL,
                status = CASE WHEN @RetryAt::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
                next_attempt_at = COALESCE(@RetryAt::timestamptz, next_attempt_at)
            WHERE id = @id
            """,
            new { id, error = error.Length > 2000 ? error[..2000] : error, RetryAt = retryAt is { } at ? Utc(at) : (DateTime?)null },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static DateTime Utc(DateTime time) => DateTime.SpecifyKind(time.ToUniversalTime(), DateTimeKind.Utc);

    private static async Task<StoredReport?> FindByIdAsync(NpgsqlConnection connection, Guid id, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ReportRow>(new CommandDefinition(
            $"SELECT {Columns} FROM reports WHERE id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : (await WithDeliveriesAsync(connection, [row], cancellationToken).ConfigureAwait(false))[0];
    }

    private static async Task<IReadOnlyList<StoredReport>> WithDeliveriesAsync(NpgsqlConnection connection, IReadOnlyList<ReportRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var deliveries = (await connection.QueryAsync<DeliveryRow>(new CommandDefinition(
                """
                SELECT id AS Id, report_id AS ReportId, recipients AS Recipients, status AS Status, attempts AS Attempts,
                       next_attempt_at AS NextAttemptAt, last_error AS LastError, sent_at AS SentAt
                FROM report_deliveries WHERE report_id = ANY(@Ids) ORDER BY created_at
                """,
                new { Ids = rows.Select(r => r.Id).ToArray() },
                cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToLookup(d => d.ReportId);
        return rows.Select(r =>
        {
            var start = r.WeekStart;
            return new StoredReport(
                r.Id,
                r.Week,
                start,
                start.AddDays(6),
                r.Scope,
                r.Team.Length == 0 ? null : r.Team,
                r.Benchmark,
                r.Trigger,
                DateTime.SpecifyKind(r.GeneratedAt, DateTimeKind.Utc),
                r.Pages,
                r.SizeBytes,
                r.Sha256,
                PdfUrl(r.Id),
                deliveries[r.Id].Select(d => new ReportDeliveryInfo(
                    d.Id,
                    d.Recipients,
                    d.Status,
                    d.Attempts,
                    d.Status is "pending" or "sending" ? DateTime.SpecifyKind(d.NextAttemptAt, DateTimeKind.Utc) : null,
                    d.LastError,
                    d.SentAt is { } sent ? DateTime.SpecifyKind(sent, DateTimeKind.Utc) : null)).ToList());
        }).ToList();
    }

    // Rows as classes, not positional records: Dapper matches constructors by exact type, and Npgsql reports text[] as Array.
    private sealed class ReportRow
    {
        public Guid Id { get; init; }

        public string Week { get; init; } = "";

        public DateOnly WeekStart { get; init; }

        public string Scope { get; init; } = "";

        public string Team { get; init; } = "";

        public string Benchmark { get; init; } = "";

        public string Trigger { get; init; } = "";

        public DateTime GeneratedAt { get; init; }

        public int Pages { get; init; }

        public int SizeBytes { get; init; }

        public string Sha256 { get; init; } = "";
    }

    private sealed class DeliveryRow
    {
        public Guid Id { get; init; }

        public Guid ReportId { get; init; }

        public string[] Recipients { get; init; } = [];

        public string Status { get; init; } = "";

        public int Attempts { get; init; }

        public DateTime NextAttemptAt { get; init; }

        public string? LastError { get; init; }

        public DateTime? SentAt { get; init; }
    }
}
