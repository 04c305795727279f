using Insights.Domain.Metrics;
using Insights.Warehouse.Metrics;

namespace Insights.Reports.Content;

/// <summary>
/// A metric's stages over the 12 weeks ending with the report week (<c>report.stages_section</c>: lead
/// time's coding, pickup, review and deploy): the <c>breakdown</c> of its answer for that range.
/// </summary>
public sealed record StagesSection(MetricDefinition Metric, DateOnly From, DateOnly To, MetricValues Summary, IReadOnlyList<ReportStage> Stages)
{
    public string Title => Metric.Report?.StagesSection ?? Metric.Title;

    /// <summary>
    /// The stages: the metric's item columns in hours (<c>*_hours</c>, in the manifest's order, with what
    /// each measures), each with its median from the answer's breakdown — none for an empty range.
    /// </summary>
    public static StagesSection Of(MetricDefinition metric, DateOnly from, DateOnly to, MetricValues summary, IReadOnlyDictionary<string, double?> breakdown) =>
        new(metric, from, to, summary,
        [
            .. metric.Items.Columns
                .Where(c => c.Name.EndsWith("_hours", StringComparison.Ordinal))
                .Select(c => new ReportStage(
                    char.ToUpperInvariant(c.Name[0]) + c.Name[1..^"_hours".Length].Replace('_', ' '),
                    Span(c.About),
                    breakdown.GetValueOrDefault(c.Name))),
        ]);

    /// <summary>"first commit → put up for review": the column's meaning without its exceptions (in parentheses), which a line of the PDF cannot hold.</summary>
    private static string Span(string about) => about.Split(" (", 2)[0].Split(';', 2)[0].Trim();
}
