using Insights.Reports.Weeks;
using Insights.Warehouse.Metrics;

namespace Insights.Reports.Content;

/// <summary>Everything one weekly report shows, before it is drawn. Every figure is an answer of the metrics layer.</summary>
/// <param name="Teams">The team table; null in a team's own report.</param>
/// <param name="Organisation">In a team's report, the organisation's four keys and adoption for the same week, to compare with; else null.</param>
/// <param name="GoldenPath">Golden path against other deployments; in the organisation's report only.</param>
/// <param name="Stages">The stages section (lead time's), when a metric's manifest asks for one.</param>
/// <param name="Comments">Null when no survey was answered in the 12 weeks (the section is left out).</param>
/// <param name="DataStarts">Where the organisation's and each team's data start: a window that begins earlier is marked.</param>
public sealed record WeeklyReport(
    IsoWeek Week,
    ReportScope Scope,
    DateTime GeneratedAt,
    string Benchmark,
    string BenchmarkTitle,
    IReadOnlyList<KpiFigure> Kpis,
    DoraResult Dora,
    IReadOnlyList<TeamRow>? Teams,
    TeamRow? Organisation,
    IReadOnlyList<Regression> Regressions,
    GoldenPathSection? GoldenPath,
    ProvisioningSection Provisioning,
    StagesSection? Stages,
    NpsCommentsSection? Comments,
    DataStarts DataStarts)
{
    /// <summary>The scope's first day with data (its first production deployment); null when it has none.</summary>
    public DateOnly? DataFrom => DataStarts.For(Scope.Team);

    /// <summary>The week ends before the scope's data starts (or there is none): the report has nothing to show but that.</summary>
    public bool BeforeData => DataFrom is not { } first || first >= Week.End;
}
