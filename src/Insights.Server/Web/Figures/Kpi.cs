using Insights.Reports.Content;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Web.Figures;

/// <summary>
/// One figure of a page: the metric's answer for the range, its answer for the range before, and the
/// change between them (the weekly report's rule: none on a low sample or inside the NPS margin).
/// </summary>
public sealed record Kpi(KpiSpec Spec, MetricResult Current, MetricResult Previous)
{
    public KpiChange Change { get; } = KpiChange.Between(Spec.Metric, Current.Summary, Previous.Summary);

    public MetricValues Summary => Current.Summary;

    /// <summary>The page of the rows behind this figure (same scope and range).</summary>
    public string RowsUrl { get; init; } = "";
}
