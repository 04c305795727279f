namespace Insights.Reports.Storage;

/// <summary>One e-mail delivery of a report: to whom, and how far it got.</summary>
/// <param name="Status"><c>pending</c> (waiting for its next attempt), <c>sending</c>, <c>sent</c>, or <c>failed</c> (every attempt failed; kept, never dropped).</param>
public sealed record ReportDeliveryInfo(
    Guid Id,
    IReadOnlyList<string> Recipients,
    string Status,
    int Attempts,
    DateTime? NextAttemptAt,
    string? LastError,
    DateTime? SentAt);
