using Insights.Warehouse.Metrics;

namespace Insights.Server.Web.Figures;

/// <summary>The figures of a scope over a range: the DORA summary and every KPI with its series.</summary>
/// <param name="PreviousCoverage">How many of the previous range's weeks hold a deployment of the scope, of how many.</param>
public sealed record ScopeBoard(PageScope Scope, PageRange Range, DoraResult Dora, IReadOnlyList<Kpi> Kpis, (int WithData, int Weeks) PreviousCoverage)
{
    public Kpi? this[string metric] => Kpis.FirstOrDefault(k => k.Spec.Metric.Name == metric);

    /// <summary>The metric's weekly series for this scope and range as CSV (the web's copy of the API's series.csv).</summary>
    public string ExportUrl(string metric) =>
        $"/export/{metric}.csv" + QueryString.Create(Scope.Query().Concat(Range.Query()).Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)));

    /// <summary>The rows behind one week of the metric's series.</summary>
    public string RowsUrl(string metric, DateOnly week) => ItemLinks.Rows(metric, Scope, Range, week);

    /// <summary>Why the changes should be read with care: the previous range holds deployments in less than half of its weeks.</summary>
    public string? Caution => PreviousCoverage.Weeks > 0 && PreviousCoverage.WithData * 2 < PreviousCoverage.Weeks
        ? $"The changes compare with {Range.Previous.Label()}, which holds deployments in only {PreviousCoverage.WithData} of its {PreviousCoverage.Weeks} weeks: read them with care."
        : null;
}
