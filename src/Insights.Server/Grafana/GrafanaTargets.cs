using Insights.Domain.Metrics;
using Insights.Warehouse.Timeline;

namespace Insights.Server.Grafana;

/// <summary>
/// Everything a panel can ask for: each metric of <see cref="MetricCatalog"/> by its name, the rows
/// behind one (<see cref="GrafanaItemsTable"/>), and the tables and event lists below — with their
/// payload options, as <c>POST /metrics</c> lists them.
/// </summary>
public static class GrafanaTargets
{
    public const string Dora = "dora";
    public const string DoraLevel = "dora-level";
    public const string DoraByTeam = "dora-by-team";
    public const string Impact = "impact";
    public const string GoldenPathVsOther = "golden-path-vs-other";
    public const string Teams = "teams";
    public const string Services = "services";
    public const string Deployments = "deployments";
    public const string Incidents = "incidents";

    /// <summary>The scope fields that template variables and ad hoc filters set.</summary>
    public static IReadOnlyList<string> ScopeFields { get; } = ["team", "service", "environment", "golden_path"];

    public static IReadOnlyList<string> Formats { get; } = ["time_series", "summary", "breakdown", "by_team", "by_service"];

    public static IReadOnlyList<string> Intervals { get; } = ["auto", "day", "week", "month"];

    private static readonly GrafanaPayloadField Team = new("team", "Team", "select", "All teams");
    private static readonly GrafanaPayloadField Service = new("service", "Service", "select", "All services");
    private static readonly GrafanaPayloadField Environment = new("environment", "Environment", "select", "All environments");
    private static readonly GrafanaPayloadField GoldenPath = new("golden_path", "Golden path", "select", "All deployments", Options(["true", "false"]));
    private static readonly GrafanaPayloadField BenchmarkField = new("benchmark", "Benchmark", "select", "Configured default", Options([.. Benchmark.All.Keys.Order(StringComparer.Ordinal)]));
    private static readonly GrafanaPayloadField Format = new("format", "Format", "select", "time_series", Options(Formats));
    private static readonly GrafanaPayloadField Interval = new("interval", "Interval", "select", "auto", Options(Intervals));
    private static readonly GrafanaPayloadField Legend = new("legend", "Legend", "input", "Series name");
    private static readonly GrafanaPayloadField Weeks = new("weeks", "Weeks", "input", "12");
    private static readonly GrafanaPayloadField ProductionOnly = new("production_only", "Production only", "select", "true", Options(["true", "false"]));
    private static readonly GrafanaPayloadField Limit = new("limit", "Limit", "input", "1000");
    private static readonly GrafanaPayloadField Campaign = new("campaign", "Survey campaign", "input", "All campaigns");
    private static readonly GrafanaPayloadField ItemsMetric = new("metric", "Metric", "select", "the metric to drill into", Options(GrafanaItemsTable.Metrics.Select(m => m.Name)));
    private static readonly GrafanaPayloadField Counted = new("counted", "Counted", "select", "all", Options(GrafanaItemsTable.Counted));
    private static readonly GrafanaPayloadField ItemsLimit = new("limit", "Limit", "input", "100 (at most 1000)");

    public static IReadOnlyList<GrafanaMetric> All { get; } =
    [
        .. MetricCatalog.All.Select(m => new GrafanaMetric(m.Title, m.Name, m.UsesCampaign
            ? [Team, Service, Environment, GoldenPath, BenchmarkField, Figure(m), Format, Interval, Legend, Campaign]
            : [Team, Service, Environment, GoldenPath, BenchmarkField, Figure(m), Format, Interval, Legend])),
        new("Items: the rows behind a metric (table)", GrafanaItemsTable.Target, [ItemsMetric, Team, Service, Environment, GoldenPath, Counted, ItemsLimit]),
        new("DORA: the four keys with bands (table)", Dora, [Team, Service, Environment, GoldenPath, BenchmarkField]),
        new("DORA: overall level (table)", DoraLevel, [Team, Service, Environment, GoldenPath, BenchmarkField]),
        new("DORA: four keys per team (table)", DoraByTeam, [Team, Service, Environment, GoldenPath, BenchmarkField]),
        new("Impact: four keys before and after each team's adoption (table)", Impact, [Team, Weeks, BenchmarkField]),
        new("Impact: golden-path vs other deployments (table)", GoldenPathVsOther, [BenchmarkField]),
        new("Catalog: teams and adoption dates (table)", Teams, [Team]),
        new("Catalog: services (table)", Services, [Team]),
        new("Events: deployments (annotations)", Deployments, [Team, Service, Environment, GoldenPath, ProductionOnly, Limit with { Placeholder = TimelineQuery.MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) + " at most" }]),
        new("Events: incidents (annotations)", Incidents, [Team, Service, Limit]),
    ];

    public static bool TryGet(string name, out GrafanaMetric target)
    {
        target = All.FirstOrDefault(t => string.Equals(t.Value, name, StringComparison.Ordinal))!;
        return target is not null;
    }

    public static IReadOnlyList<string> FieldNames(GrafanaMetric target) => [.. target.Payloads.Select(p => p.Name)];

    /// <summary>The figures offered for a metric's <c>value</c> option (any numeric figure of its series is accepted).</summary>
    public static IReadOnlyList<string> Figures(MetricDefinition metric) => metric.Distribution
        ? ["value", "p50", "p75", "p90", "n"]
        : ["value", "n"];

    private static GrafanaPayloadField Figure(MetricDefinition metric) => new("value", "Value", "select", "value", Options(Figures(metric)));

    private static IReadOnlyList<GrafanaOption> Options(IEnumerable<string> values) => [.. values.Select(v => new GrafanaOption(v, v))];
}
