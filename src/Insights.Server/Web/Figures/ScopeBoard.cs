using Insights.Warehouse.Metrics;

namespace Insights.Server.Web.Figures;

/// <summary>The figures of a scope over a range: the DORA summary and every KPI with its series.</summary>
public sealed record ScopeBoard(PageScope Scope, PageRange Range, DoraResult Dora, IReadOnlyList<Kpi> Kpis)
{
    public Kpi? this[string metric] => Kpis.FirstOrDefault(k => k.Spec.Metric.Name == metric);
}
