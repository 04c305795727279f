using Insights.Reports.Weeks;
using Insights.Warehouse.Metrics;

namespace Insights.Reports.Content;

/// <summary>Everything one weekly report shows, before it is drawn. Every figure is an answer of the metrics layer.</summary>
/// <param name="Teams">The team table; null in a team's own report.</param>
/// <param name="GoldenPath">Golden path against other deployments; in the organisation's report only.</param>
/// <param name="Stages">The stages section (lead time's), when a metric's manifest asks for one.</param>
/// <param name="Comments">Null until the survey feature provides comments (the section is left out).</param>
public sealed record WeeklyReport(
    IsoWeek Week,
    ReportScope Scope,
    DateTime GeneratedAt,
    string Benchmark,
    string BenchmarkTitle,
    IReadOnlyList<KpiFigure> Kpis,
    DoraResult Dora,
    IReadOnlyList<TeamRow>? Teams,
    IReadOnlyList<Regression> Regressions,
    GoldenPathSection? GoldenPath,
    ProvisioningSection Provisioning,
    StagesSection? Stages,
    NpsCommentsSection? Comments);
