using Insights.Domain.Metrics;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Web.Figures;

/// <summary>
/// A scope's figures, asked of the metric engine all at once: every KPI for the range and for the range
/// before, in parallel; the DORA level is combined from the four keys' answers exactly as
/// <c>GET /api/v1/dora</c> combines them.
/// </summary>
public sealed class ScopeBoards(MetricEngine engine, DoraService dora)
{
    public async Task<ScopeBoard> ComputeAsync(PageScope scope, PageRange range, CancellationToken cancellationToken)
    {
        // A service's page leaves out the metrics of people (onboarding, NPS): they belong to teams, and
        // the engine would answer them for the whole organisation.
        var specs = KpiSpec.All.Where(k => scope.Service is null || k.Metric.UsesService).ToList();
        var current = specs.Select(k => engine.ComputeAsync(Query(k.Metric, scope, range), cancellationToken)).ToList();
        var previous = specs.Select(k => engine.ComputeAsync(Query(k.Metric, scope, range.Previous), cancellationToken)).ToList();
        await Task.WhenAll(current.Concat(previous)).ConfigureAwait(false);

        var before = previous[specs.FindIndex(k => k.Metric == MetricCatalog.DeploymentFrequency)].Result.Series;
        var coverage = (before.Count(p => p.Number("deployments") is > 0), before.Count);
        var kpis = specs.Select((spec, i) => new Kpi(spec, current[i].Result, previous[i].Result) { RowsUrl = ItemLinks.Rows(spec.Metric.Name, scope, range) }).ToList();
        var keys = MetricCatalog.FourKeys.Select(key => kpis.First(k => k.Spec.Metric == key).Current).ToList();
        return new ScopeBoard(scope, range, dora.Combine(Query(MetricCatalog.DeploymentFrequency, scope, range), keys), kpis, coverage);
    }

    public static MetricQuery Query(MetricDefinition metric, PageScope scope, PageRange range, Interval interval = Interval.Week) =>
        new(metric, range.From, range.To) { Team = scope.Team, Service = scope.Service, Interval = interval };
}
