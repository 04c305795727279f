using static Insights.Server.Configuration.ConfigNode;

namespace Insights.Server.Configuration;

/// <summary>Every key the YAML configuration file may hold (insights.example.yaml shows each with a comment).</summary>
public static class InsightsConfigSchema
{
    public static ConfigObject Root { get; } = Object(
        ("metrics", "Metrics", Object(
            ("production_environments", "ProductionEnvironments", ListOf(Text(128))),
            ("golden_path_pipelines", "GoldenPathPipelines", ListOf(Text(512))),
            ("exclude_bots", "ExcludeBots", Boolean()),
            ("bot_authors", "BotAuthors", ListOf(Text(256))),
            ("exclude_labels", "ExcludeLabels", ListOf(Text(256))),
            ("attribution_window_hours", "AttributionWindowHours", Integer(1, 24 * 30)),
            ("cold_start_days", "ColdStartDays", Integer(0, 365)),
            ("lookback_days", "LookbackDays", Integer(7, 730)),
            ("minimum_group_size", "MinimumGroupSize", Integer(3, 100)),
            ("benchmark", "DefaultBenchmark", OneOf("dora-2024", "dora-2023")),
            ("adoption_dates", "AdoptionDates", MapOf(Date())))),
        ("sources", "Sources", Object(
            ("github", "GitHub", ListOf(Object(
                [.. Common,
                ("base_url", "BaseUrl", Url()),
                ("token_env", "TokenEnv", EnvironmentVariable()),
                ("organizations", "Organizations", ListOf(Text(256))),
                ("repositories", "Repositories", ListOf(Text(256))),
                ("initial_days", "InitialDays", Integer(1, 3650))]))),
            ("jira", "Jira", ListOf(Object(
                [.. Common,
                ("base_url", "BaseUrl", Url()),
                ("flavor", "Flavor", OneOf("cloud", "data_center")),
                ("email", "Email", Text(256)),
                ("token_env", "TokenEnv", EnvironmentVariable()),
                ("incidents_jql", "IncidentsJql", Text(4000)),
                ("provisioning_jql", "ProvisioningJql", Text(4000)),
                ("not_change_related_label", "NotChangeRelatedLabel", Text(256)),
                ("not_done_resolutions", "NotDoneResolutions", ListOf(Text(256))),
                ("severity_field", "SeverityField", Text(256)),
                ("initial_days", "InitialDays", Integer(1, 3650)),
                ("page_size", "PageSize", Integer(1, 100))]))),
            ("pagerduty", "PagerDuty", ListOf(Object(
                [.. Common,
                ("base_url", "BaseUrl", Url()),
                ("token_env", "TokenEnv", EnvironmentVariable()),
                ("service_ids", "ServiceIds", ListOf(Text(64))),
                ("read_acknowledgements", "ReadAcknowledgements", Boolean()),
                ("initial_days", "InitialDays", Integer(1, 3650))]))),
            ("backstage", "Backstage", ListOf(Object(
                [.. Common,
                ("base_url", "BaseUrl", Url()),
                ("token_env", "TokenEnv", EnvironmentVariable()),
                ("filter", "Filter", Text(1024)),
                ("page_size", "PageSize", Integer(1, 1000))]))),
            ("hr_csv", "HrCsv", ListOf(Object(
                [.. Common,
                ("path", "Path", Text(1024))]))))),
        ("webhooks", "Webhooks", Object(
            ("github", "GitHub", Object(
                ("workflow_environment", "WorkflowEnvironment", Text(128)))))),
        ("surveys", "Surveys", Object(
            ("secret_env", "SecretEnvironmentVariable", EnvironmentVariable()),
            ("public_url", "PublicUrl", Url()),
            ("link_ttl_days", "LinkTtlDays", Integer(1, 366)),
            ("embed_origins", "EmbedOrigins", ListOf(Url())),
            ("import", "Import", Object(
                ("path", "Path", Text(1024)),
                ("cron", "Cron", Cron()))))),
        ("reports", "Reports", ReportsConfigSchema.Section),
        ("web", "Web", Object(
            ("session_hours", "SessionHours", Integer(1, 168)),
            ("oidc", "Oidc", Object(
                ("authority", "Authority", Url()),
                ("client_id", "ClientId", Text(256)),
                ("client_secret_env", "ClientSecretEnvironmentVariable", EnvironmentVariable()),
                ("display_name", "DisplayName", Text(100)),
                ("role_claim", "RoleClaim", Text(256)),
                ("admin_role", "AdminRole", Text(256)),
                ("viewer_role", "ViewerRole", Text(256)),
                ("team_claim", "TeamClaim", Text(256)),
                ("name_claim", "NameClaim", Text(256)),
                ("scopes", "Scopes", ListOf(Text(128))),
                ("require_https_metadata", "RequireHttpsMetadata", Boolean()))))));

    private static (string, string, ConfigNode)[] Common =>
    [
        ("name", "Name", Text(64)),
        ("schedule", "Schedule", Cron()),
    ];
}
