using Insights.Domain.Metrics;
using Insights.Warehouse.Metrics;

namespace Insights.Reports.Content;

/// <summary>
/// The top regressions: figures whose week is worse than the four weeks before, ranked by how much
/// worse in percent of that baseline. Low samples (either side <c>low_sample</c>) are ignored; a worsening
/// from a baseline of 0 (no failure in four weeks, then some) ranks first, as it has no percentage.
/// </summary>
public static class RegressionFinder
{
    public const int Top = 5;

    public const int BaselineWeeks = 4;

    /// <summary>The figures watched for regressions (the manifests' <c>report.watched</c>: the four keys and platform adoption).</summary>
    public static IReadOnlyList<MetricDefinition> Watched { get; } = [.. MetricCatalog.All.Where(m => m.Report?.Watched == true)];

    /// <summary>Whether a figure can take part: it has a value and is not a low sample.</summary>
    public static bool CanRegress(MetricValues? values) => values?.Value is not null && !KpiChange.IsLowSample(values);

    public static IReadOnlyList<Regression> Rank(IEnumerable<(string? Team, MetricDefinition Metric, MetricValues? Current, MetricValues? Baseline)> candidates, int top = Top)
    {
        var found = new List<Regression>();
        foreach (var (team, metric, current, baseline) in candidates)
        {
            if (!CanRegress(current) || !CanRegress(baseline) || current!.Value is not { } now || baseline!.Value is not { } before)
            {
                continue;
            }

            var worse = metric.HigherIsBetter ? now < before : now > before;
            if (!worse)
            {
                continue;
            }

            double? relative = before == 0 ? null : Math.Round(Math.Abs(now - before) / Math.Abs(before) * 100, 1, MidpointRounding.AwayFromZero);
            found.Add(new Regression(team, metric, now, before, current.N ?? 0, baseline.N ?? 0, relative));
        }

        return found
            .OrderByDescending(r => r.RelativeChange ?? double.PositiveInfinity)
            .ThenBy(r => r.Team, StringComparer.Ordinal)
            .ThenBy(r => r.Metric.Name, StringComparer.Ordinal)
            .Take(top)
            .ToList();
    }
}
