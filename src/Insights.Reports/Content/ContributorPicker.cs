using System.Globalization;
using Insights.Domain.Metrics;
using Insights.Warehouse.Metrics;

namespace Insights.Reports.Content;

/// <summary>
/// Picks the rows a regression names from the week's counted items, as the metric's manifest says
/// (<c>report.contributors</c>): a percentile metric's worst values (the largest when lower is better),
/// a share's rows on the worse side (value 1 when lower is better: the failed deployments; 0 when higher
/// is better: those off the golden path), newest first. Nothing is computed but the order.
/// </summary>
public static class ContributorPicker
{
    public static RegressionContributors? Pick(MetricDefinition metric, IEnumerable<MetricItem> counted)
    {
        if (metric.Report?.Contributors is not { } named)
        {
            return null;
        }

        var rows = counted.Where(i => i.Counted && i.Value is not null).ToList();
        List<MetricItem> worst;
        if (metric.Items.Reproduces == "share")
        {
            var bad = metric.HigherIsBetter ? 0.0 : 1.0;
            worst = [.. rows.Where(i => i.Value == bad).OrderByDescending(i => i.At).ThenBy(i => i.Id, StringComparer.Ordinal)];
        }
        else
        {
            worst = metric.HigherIsBetter
                ? [.. rows.OrderBy(i => i.Value).ThenBy(i => i.Id, StringComparer.Ordinal)]
                : [.. rows.OrderByDescending(i => i.Value).ThenBy(i => i.Id, StringComparer.Ordinal)];
        }

        if (worst.Count == 0)
        {
            return null;
        }

        var shown = worst.Take(named.Top).Select(i => new Contributor(
            i.Id,
            metric.Items.Reproduces == "share" ? null : i.Value,
            named.Detail is { } field ? Text(i[field]) : null)).ToList();
        // A percentile's other rows are not "more of the same": only a share's numerator is counted on.
        var more = metric.Items.Reproduces == "share" ? worst.Count - shown.Count : 0;
        return new RegressionContributors(named.Label, shown, more);
    }

    private static string? Text(object? field) => field switch
    {
        null => null,
        string s => s.Length == 0 ? null : s,
        string[] list => list.Length == 0 ? null : string.Join(", ", list),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };
}
