using Insights.Domain.Metrics;

namespace Insights.Reports.Content;

/// <summary>One tile of page 1: which metric, over which window, under which label.</summary>
/// <param name="Label">The tile's title; the PDF test finds the figure right after it.</param>
/// <param name="CountNoun">What <c>n</c> counts, for the tile's detail line ("changes", "deployments").</param>
public sealed record KpiDefinition(MetricDefinition Metric, string Label, KpiWindow Window, string CountNoun)
{
    /// <summary>The eight tiles, in reading order (two columns, left to right, top to bottom).</summary>
    public static IReadOnlyList<KpiDefinition> All { get; } =
    [
        new(MetricCatalog.AdoptionRate, "Platform adoption", KpiWindow.Week, "deployments"),
        new(MetricCatalog.DeploymentFrequency, "Deployments per week", KpiWindow.Week, "deployments"),
        new(MetricCatalog.LeadTime, "Lead time (median)", KpiWindow.Week, "changes"),
        new(MetricCatalog.ChangeFailureRate, "Change failure rate", KpiWindow.Week, "deployments"),
        new(MetricCatalog.RecoveryTime, "Recovery time (median)", KpiWindow.Week, "failures"),
        new(MetricCatalog.ProvisioningTime, "Provisioning time (median)", KpiWindow.Week, "requests"),
        new(MetricCatalog.OnboardingTime, "Onboarding time (median)", KpiWindow.TwelveWeeks, "joiners in production"),
        new(MetricCatalog.Nps, "Developer NPS", KpiWindow.TwelveWeeks, "answers"),
    ];
}
