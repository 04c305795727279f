using Insights.Domain.Metrics;
using Insights.Warehouse.Metrics;

namespace Insights.Reports.Content;

/// <summary>
/// The top regressions: figures whose week is worse than the four weeks before beyond the noise
/// (<see cref="NoiseRule"/>: both sides at least 5 items, and at least 5 percentage points for a rate or
/// 20 % for a time or a count), ranked by how far past that threshold. A worsening from a baseline of 0
/// that is not a rate has no share of it and ranks first.
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
            if (!worse || !NoiseRule.IsBeyond(metric, now, before))
            {
                continue;
            }

            var change = Math.Round(now - before, 2, MidpointRounding.AwayFromZero);
            double? relative = before == 0 ? null : Math.Round(Math.Abs(now - before) / Math.Abs(before) * 100, 1, MidpointRounding.AwayFromZero);
            found.Add(new Regression(team, metric, now, before, current.N ?? 0, baseline.N ?? 0, change, relative, NoiseRule.Size(metric, now, before)));
        }

        return found
            .OrderByDescending(r => r.Size)
            .ThenBy(r => r.Team, StringComparer.Ordinal)
            .ThenBy(r => r.Metric.Name, StringComparer.Ordinal)
            .Take(top)
            .ToList();
    }
}
