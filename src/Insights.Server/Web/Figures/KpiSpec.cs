using Insights.Domain.Metrics;

namespace Insights.Server.Web.Figures;

/// <summary>A figure of the overview: which metric, under which label, and what its <c>n</c> counts.</summary>
public sealed record KpiSpec(MetricDefinition Metric, string Label, string CountNoun)
{
    /// <summary>The overview's figures, in reading order: the four keys, then the platform's own.</summary>
    public static IReadOnlyList<KpiSpec> All { get; } =
    [
        new(MetricCatalog.DeploymentFrequency, "Deployment frequency", "deployments"),
        new(MetricCatalog.LeadTime, "Lead time (median)", "changes"),
        new(MetricCatalog.ChangeFailureRate, "Change failure rate", "deployments"),
        new(MetricCatalog.RecoveryTime, "Recovery time (median)", "failed deployments"),
        new(MetricCatalog.ReworkRate, "Rework rate", "deployments"),
        new(MetricCatalog.AdoptionRate, "Platform adoption", "deployments"),
        new(MetricCatalog.OnboardingTime, "Onboarding time (median)", "engineers in production"),
        new(MetricCatalog.ProvisioningTime, "Provisioning time (median)", "requests"),
        new(MetricCatalog.Nps, "Developer NPS", "answers"),
    ];

    public static KpiSpec For(MetricDefinition metric) => All.First(k => k.Metric == metric);
}
