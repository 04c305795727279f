namespace Insights.Server.Reports;

/// <summary>The body of <c>POST /api/v1/reports</c>; every field is optional.</summary>
/// <param name="Week">The ISO week (<c>2026-W13</c>); default: the last full week in <c>reports.time_zone</c>.</param>
/// <param name="Scope"><c>organisation</c> or <c>team</c>; default: team when <paramref name="Team"/> is given.</param>
/// <param name="Team">The team of a team report.</param>
/// <param name="Deliver">Also e-mail it to the configured recipients (default false).</param>
/// <param name="PerTeam">With the organisation: every team's report as well, as the schedule does.</param>
public sealed record CreateReportRequest(string? Week, string? Scope, string? Team, bool? Deliver, bool? PerTeam);
