using Insights.Warehouse.Metrics;

namespace Insights.Server.Web.Figures;

/// <summary>The adoption page's figures.</summary>
/// <param name="Organisation">Adoption over the range for the organisation; null for a viewer limited to teams.</param>
/// <param name="ByTeam">Each visible team's adoption, with its weekly series.</param>
/// <param name="GoldenPath">Each key for golden-path deployments and for the others; empty for a limited viewer.</param>
public sealed record AdoptionView(
    PageRange Range,
    MetricResult? Organisation,
    IReadOnlyList<(string Team, MetricResult Result)> ByTeam,
    IReadOnlyList<TeamInfo> TeamsWithoutGoldenPath,
    IReadOnlyList<ServiceInfo> ServicesWithoutTemplate,
    IReadOnlyList<GoldenPathSplit> GoldenPath,
    IReadOnlyList<ImpactRow> Impact,
    int ImpactWeeks);
