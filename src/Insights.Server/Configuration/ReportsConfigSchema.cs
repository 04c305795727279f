using MimeKit;
using static Insights.Server.Configuration.ConfigNode;

namespace Insights.Server.Configuration;

/// <summary>The <c>reports:</c> section of the YAML file (Insights.Reports.ReportsOptions; docs/reports.md).</summary>
public static class ReportsConfigSchema
{
    public static ConfigObject Section { get; } = Object(
        ("enabled", "Enabled", Boolean()),
        ("schedule", "Schedule", Cron()),
        ("time_zone", "TimeZone", TimeZone()),
        ("per_team", "PerTeam", Boolean()),
        ("font_directory", "FontDirectory", Text(1024)),
        ("query_concurrency", "QueryConcurrency", Integer(1, 64)),
        ("generation_concurrency", "GenerationConcurrency", Integer(1, 64)),
        ("public_url", "PublicUrl", Url()),
        ("link_lifetime_hours", "LinkLifetimeHours", Integer(1, 24 * 90)),
        ("smtp", "Smtp", Object(
            ("host", "Host", Text(253)),
            ("port", "Port", Integer(1, 65535)),
            ("security", "Security", OneOf("auto", "none", "starttls", "ssl")),
            ("user", "User", Text(256)),
            ("password_env", "PasswordEnv", EnvironmentVariable()),
            ("from", "From", Mailbox()),
            ("recipients", "Recipients", ListOf(Mailbox())),
            ("team_recipients", "TeamRecipients", MapOf(ListOf(Mailbox()))),
            ("retry_delay_seconds", "RetryDelaySeconds", Integer(1, 86_400)),
            ("max_attempts", "MaxAttempts", Integer(1, 100)))));

    private static ConfigScalar TimeZone() => new("an IANA time zone", v =>
        System.TimeZoneInfo.TryFindSystemTimeZoneById(v, out _) ? null : "must be an IANA time zone such as Europe/Berlin or UTC");

    private static ConfigScalar Mailbox() => new("an e-mail address", v =>
        v.Contains('@', StringComparison.Ordinal) && MailboxAddress.TryParse(v, out _) ? null : "must be an e-mail address (a@example.com or \"Name <a@example.com>\")");
}
