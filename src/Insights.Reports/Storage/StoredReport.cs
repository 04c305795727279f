namespace Insights.Reports.Storage;

/// <summary>A report in the archive, as <c>GET /api/v1/reports</c> lists it (the PDF itself is at <see cref="PdfUrl"/>).</summary>
/// <param name="Week">The ISO week, <c>2026-W13</c>.</param>
/// <param name="Scope"><c>organisation</c> or <c>team</c>.</param>
/// <param name="Team">The team of a team report; null for the organisation.</param>
/// <param name="Trigger"><c>schedule</c> (the weekly job) or <c>api</c> (<c>POST /api/v1/reports</c>).</param>
/// <param name="DownloadUrl">A signed link that opens the PDF without a key until <paramref name="DownloadExpiresAt"/> (set by the API).</param>
public sealed record StoredReport(
    Guid Id,
    string Week,
    DateOnly WeekStart,
    DateOnly WeekEnd,
    string Scope,
    string? Team,
    string Benchmark,
    string Trigger,
    DateTime GeneratedAt,
    int Pages,
    int SizeBytes,
    string Sha256,
    string PdfUrl,
    IReadOnlyList<ReportDeliveryInfo> Deliveries,
    string? DownloadUrl = null,
    DateTime? DownloadExpiresAt = null);
