using Insights.Reports.Storage;

namespace Insights.Server.Reports;

/// <summary>What <c>POST /api/v1/reports</c> made: the organisation's or team's report first, then (per_team) the teams'.</summary>
public sealed record CreateReportResponse(string Week, IReadOnlyList<StoredReport> Reports);
