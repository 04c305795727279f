namespace Insights.Reports.Storage;

/// <summary>A delivery taken for one attempt (its claim expires if the sender dies).</summary>
/// <param name="Attempts">Attempts made before this one.</param>
public sealed record DeliveryClaim(Guid Id, Guid ReportId, IReadOnlyList<string> Recipients, int Attempts);
