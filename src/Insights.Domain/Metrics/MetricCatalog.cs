namespace Insights.Domain.Metrics;

/// <summary>
/// Every metric the product computes: one folder each under <c>sql/clickhouse/metrics/</c>, whose
/// <c>metric.yaml</c> is read here (<see cref="MetricManifests"/>) and whose SQL the metric engine runs.
/// Adding a metric is adding a folder; nothing here names one (docs/development.md, "Adding a metric").
/// </summary>
public static class MetricCatalog
{
    private static readonly Lazy<MetricManifests.Loaded> Manifests = new(MetricManifests.Load);

    /// <summary>Every metric, in the manifests' order.</summary>
    public static IReadOnlyList<MetricDefinition> All => Manifests.Value.Metrics;

    /// <summary>DORA's four keys, in DORA's order (the manifests' <c>dora_key</c>).</summary>
    public static IReadOnlyList<MetricDefinition> FourKeys => Manifests.Value.FourKeys;

    /// <summary>Every reason code an item can give, with the sentence that explains it (<c>reasons.yaml</c>).</summary>
    public static IReadOnlyDictionary<string, string> Reasons => Manifests.Value.Reasons;

    public static bool TryGet(string name, out MetricDefinition definition)
    {
        definition = All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal))!;
        return definition is not null;
    }

    /// <summary>The metric named <paramref name="name"/>; an unknown name is a programming error.</summary>
    public static MetricDefinition Get(string name) =>
        TryGet(name, out var definition) ? definition : throw new KeyNotFoundException($"There is no metric '{name}'.");

    // Lookups by name for code that is about one metric by nature (tests, DORA's own rules). The metric
    // engine, the API, Grafana and the report use none of them (ArchitectureTests checks it).
    public static MetricDefinition DeploymentFrequency => Get("deployment-frequency");

    public static MetricDefinition LeadTime => Get("lead-time");

    public static MetricDefinition ChangeFailureRate => Get("change-failure-rate");

    public static MetricDefinition RecoveryTime => Get("recovery-time");

    public static MetricDefinition IncidentRestoreTime => Get("incident-restore-time");

    public static MetricDefinition ReworkRate => Get("rework-rate");

    public static MetricDefinition AdoptionRate => Get("adoption-rate");

    public static MetricDefinition OnboardingTime => Get("onboarding-time");

    public static MetricDefinition ProvisioningTime => Get("provisioning-time");

    public static MetricDefinition Nps => Get("nps");
}
