namespace Insights.Domain.Metrics;

/// <summary>The knobs of the metric definitions (configuration section <c>Metrics</c>, YAML <c>metrics:</c>).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    public static readonly IReadOnlyList<string> DefaultProductionEnvironments = ["production", "prod"];

    /// <summary>
    /// Environment names that are production for every service without its own list (case-insensitive);
    /// empty means <see cref="DefaultProductionEnvironments"/>. (Not pre-filled: configuration binding
    /// would append to the defaults instead of replacing them.)
    /// </summary>
    public List<string> ProductionEnvironments { get; set; } = [];

    public IReadOnlyList<string> EffectiveProductionEnvironments =>
        ProductionEnvironments.Count > 0 ? ProductionEnvironments : DefaultProductionEnvironments;

    /// <summary>
    /// <see cref="EffectiveProductionEnvironments"/> as the rule compares them: trimmed, lower-case, never
    /// empty (the metric SQL and ingest's warnings both read this).
    /// </summary>
    public IReadOnlyList<string> ProductionEnvironmentNames =>
        EffectiveProductionEnvironments.Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).DefaultIfEmpty("production").ToList();

    /// <summary>Pipelines that are golden paths, as globs (<c>*</c> any text, <c>?</c> one character).</summary>
    public List<string> GoldenPathPipelines { get; set; } = [];

    /// <summary>Leave bots' changes out of lead time and onboarding (docs/metrics.md, "Bots").</summary>
    public bool ExcludeBots { get; set; } = true;

    public static readonly IReadOnlyList<string> DefaultBotAuthors = ["dependabot*", "renovate*"];

    /// <summary>
    /// Author logins that are bots, as globs (case-insensitive), besides GitHub's user type <c>Bot</c> and
    /// logins ending in <c>[bot]</c>; empty means <see cref="DefaultBotAuthors"/>. (Not pre-filled, like
    /// <see cref="ProductionEnvironments"/>.)
    /// </summary>
    public List<string> BotAuthors { get; set; } = [];

    public IReadOnlyList<string> EffectiveBotAuthors => BotAuthors.Count > 0 ? BotAuthors : DefaultBotAuthors;

    /// <summary>Labels that leave a change out of lead time (case-insensitive, e.g. <c>dependencies</c>); none by default.</summary>
    public List<string> ExcludeLabels { get; set; } = [];

    public int AttributionWindowHours { get; set; } = 24;

    public int ColdStartDays { get; set; } = 30;

    /// <summary>
    /// How far before a range a change may have been merged and still be attributed to a deployment in
    /// the range (and a failed deployment be recovered in it). Bounds the scan; see docs/metrics.md.
    /// </summary>
    public int LookbackDays { get; set; } = 90;

    /// <summary>Smallest group whose onboarding times or NPS answers are shown.</summary>
    public int MinimumGroupSize { get; set; } = 5;

    public string DefaultBenchmark { get; set; } = "dora-2024";

    /// <summary>
    /// Team and service filters narrow the scans themselves (a team's query reads its own services'
    /// data only). The answers are the same either way; off is a diagnostic switch, and the tests
    /// compare both.
    /// </summary>
    public bool NarrowScansByScope { get; set; } = true;

    /// <summary>
    /// Answer a question from its rows kept in a table (docs/adr/0007-kept-rows.md) when they were computed
    /// by the same SQL on the same data; otherwise compute them (the reference path) and keep them in the
    /// background. The answers are the same either way (KeptRowsEquivalenceTests); off always computes.
    /// </summary>
    public bool KeepRows { get; set; } = true;

    /// <summary>Team → the date it adopted the platform, overriding "first golden-path deployment".</summary>
    public Dictionary<string, DateOnly> AdoptionDates { get; set; } = new(StringComparer.Ordinal);
}
