using Insights.Warehouse.Metrics;

namespace Insights.Server.Web.Figures;

/// <summary>A team in the overview's table: its DORA summary and adoption over the page's range.</summary>
public sealed record TeamRow(string Team, int Services, DoraResult Dora, MetricValues Adoption)
{
    public MetricValues Key(string metric) => Dora.Metrics.First(m => m.Metric == metric).Summary;
}
