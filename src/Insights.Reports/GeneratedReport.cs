using Insights.Reports.Storage;

namespace Insights.Reports;

/// <summary>The outcome of generating one report.</summary>
/// <param name="Created">A new report (not a replacement of the same week and scope).</param>
/// <param name="Kept">It existed and was kept as it was (the schedule does not make a report twice).</param>
public sealed record GeneratedReport(StoredReport Report, bool Created, bool Kept);
