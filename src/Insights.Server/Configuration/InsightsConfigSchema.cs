using static Insights.Server.Configuration.ConfigNode;

namespace Insights.Server.Configuration;

/// <summary>Every key the YAML configuration file may hold (insights.example.yaml shows each with a comment).</summary>
public static class InsightsConfigSchema
{
    public static ConfigObject Root { get; } = Object(
        ("metrics", "Metrics", Object(
            ("production_environments", "ProductionEnvironments", ListOf(Text(128))),
            ("golden_path_pipelines", "GoldenPathPipelines", ListOf(Text(512))),
            ("attribution_window_hours", "AttributionWindowHours", Integer(1, 24 * 30)),
            ("cold_start_days", "ColdStartDays", Integer(0, 365)),
            ("lookback_days", "LookbackDays", Integer(7, 730)),
            ("minimum_group_size", "MinimumGroupSize", Integer(3, 100)),
            ("benchmark", "DefaultBenchmark", OneOf("dora-2024", "dora-2023")),
            ("adoption_dates", "AdoptionDates", MapOf(Date())))),
        ("reports", "Reports", ReportsConfigSchema.Section));
}
