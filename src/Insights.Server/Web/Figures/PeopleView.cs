using Insights.Warehouse.Metrics;

namespace Insights.Server.Web.Figures;

/// <summary>
/// A page about one metric (onboarding, provisioning, NPS): its answer for the scope with a series,
/// and each visible team's answer (suppressed where the engine suppresses).
/// </summary>
public sealed record PeopleView(PageScope Scope, PageRange Range, MetricResult Result, IReadOnlyList<(string Team, MetricResult Result)> ByTeam);
