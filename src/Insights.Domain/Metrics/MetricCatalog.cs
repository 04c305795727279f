namespace Insights.Domain.Metrics;

/// <summary>Every metric the product computes (docs/metrics.md defines each).</summary>
public static class MetricCatalog
{
    public static readonly MetricDefinition DeploymentFrequency = new("deployment-frequency", "Deployment frequency", "per_week", UsesDeployments: true, Distribution: false, HigherIsBetter: true, SeriesUnit: "deployments");
    public static readonly MetricDefinition LeadTime = new("lead-time", "Lead time for changes", "hours", UsesDeployments: true, Distribution: true, HigherIsBetter: false);
    public static readonly MetricDefinition ChangeFailureRate = new("change-failure-rate", "Change failure rate", "percent", UsesDeployments: true, Distribution: false, HigherIsBetter: false);
    public static readonly MetricDefinition RecoveryTime = new("recovery-time", "Failed deployment recovery time", "hours", UsesDeployments: true, Distribution: true, HigherIsBetter: false);
    public static readonly MetricDefinition IncidentRestoreTime = new("incident-restore-time", "Incident time to restore", "hours", UsesDeployments: false, Distribution: true, HigherIsBetter: false);
    public static readonly MetricDefinition ReworkRate = new("rework-rate", "Deployment rework rate", "percent", UsesDeployments: true, Distribution: false, HigherIsBetter: false);
    public static readonly MetricDefinition AdoptionRate = new("adoption-rate", "Platform adoption rate", "percent", UsesDeployments: true, Distribution: false, HigherIsBetter: true);
    public static readonly MetricDefinition OnboardingTime = new("onboarding-time", "Onboarding time", "days", UsesDeployments: false, Distribution: true, HigherIsBetter: false, UsesService: false);
    public static readonly MetricDefinition ProvisioningTime = new("provisioning-time", "Provisioning time", "hours", UsesDeployments: false, Distribution: true, HigherIsBetter: false);
    public static readonly MetricDefinition Nps = new("nps", "Developer NPS", "nps", UsesDeployments: false, Distribution: false, HigherIsBetter: true, UsesService: false);

    /// <summary>The four keys, in DORA's order.</summary>
    public static IReadOnlyList<MetricDefinition> FourKeys { get; } = [DeploymentFrequency, LeadTime, ChangeFailureRate, RecoveryTime];

    public static IReadOnlyList<MetricDefinition> All { get; } =
        [DeploymentFrequency, LeadTime, ChangeFailureRate, RecoveryTime, IncidentRestoreTime, ReworkRate, AdoptionRate, OnboardingTime, ProvisioningTime, Nps];

    public static bool TryGet(string name, out MetricDefinition definition)
    {
        definition = All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal))!;
        return definition is not null;
    }
}
