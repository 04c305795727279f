using Insights.Reports.Content;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Web.Figures;

/// <summary>
/// One figure of a page: the metric's answer for the range, its answer for the range before, and the
/// change between them (the weekly report's rule: none on a low sample or inside the NPS margin).
/// </summary>
/// <param name="PreviousCoverage">How many of the previous range's weeks hold a deployment of the scope, and of how many.</param>
public sealed record Kpi(KpiSpec Spec, MetricResult Current, MetricResult Previous, (int WithData, int Weeks) PreviousCoverage)
{
    public KpiChange Change { get; } = KpiChange.Between(Spec.Metric, Current.Summary, Previous.Summary);

    public MetricValues Summary => Current.Summary;

    /// <summary>Why the change should be read with care: the previous range holds deployments in less than half of its weeks.</summary>
    public string? Caution => Change.Delta is not null && Spec.Metric.UsesDeployments && PreviousCoverage.Weeks > 0 && PreviousCoverage.WithData * 2 < PreviousCoverage.Weeks
        ? $"the previous period has deployments in only {PreviousCoverage.WithData} of its {PreviousCoverage.Weeks} weeks"
        : null;
}
