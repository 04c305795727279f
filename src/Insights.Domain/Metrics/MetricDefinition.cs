namespace Insights.Domain.Metrics;

/// <summary>
/// What a metric is, for everything that is not its computation (which lives in
/// <c>sql/clickhouse/metrics/{Name}.sql</c> and nowhere else).
/// </summary>
/// <param name="Name">Its name in URLs and files.</param>
/// <param name="Title">Its name for people.</param>
/// <param name="Unit">The unit of the summary <c>value</c>.</param>
/// <param name="UsesDeployments">Takes the <c>environment</c> and <c>golden_path</c> filters.</param>
/// <param name="Distribution">Reports p50/p75/p90 (durations).</param>
/// <param name="HigherIsBetter">The direction of improvement (for reports and regressions).</param>
/// <param name="UsesService">Takes the <c>service</c> filter (not onboarding and NPS: engineers and
/// survey answers belong to teams, not services).</param>
/// <param name="SeriesUnit">The unit of a series point's <c>value</c> when it differs from the summary's
/// (deployment frequency: a count per period, not per week).</param>
public sealed record MetricDefinition(string Name, string Title, string Unit, bool UsesDeployments, bool Distribution, bool HigherIsBetter, bool UsesService = true, string? SeriesUnit = null)
{
    public string PeriodUnit => SeriesUnit ?? Unit;

    public string SqlFile => $"clickhouse/metrics/{Name}.sql";
}
