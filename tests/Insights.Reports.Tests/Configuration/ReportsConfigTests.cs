using Insights.Server.Configuration;

namespace Insights.Reports.Tests.Configuration;

/// <summary>The <c>reports:</c> section of the YAML file: read into configuration keys, and every mistake named by its YAML key.</summary>
public sealed class ReportsConfigTests
{
    [Fact]
    public void ReportsSection_IsReadIntoConfigurationKeys()
    {
        var values = ConfigFile.Parse(
            """
            reports:
              schedule: "30 6 * * 1"
              time_zone: Europe/Berlin
              per_team: true
              smtp:
                host: smtp.example.com
                port: 2525
                security: starttls
                user: insights
                password_env: INSIGHTS_SMTP_PASSWORD
                from: "Platform Insights <insights@example.com>"
                recipients: [cto@example.com]
                team_recipients:
                  payments: [lead@example.com]
                retry_delay_seconds: 60
                max_attempts: 5
            """,
            InsightsConfigSchema.Root);

        Assert.Equal("30 6 * * 1", values["Reports:Schedule"]);
        Assert.Equal("Europe/Berlin", values["Reports:TimeZone"]);
        Assert.Equal("true", values["Reports:PerTeam"]);
        Assert.Equal("smtp.example.com", values["Reports:Smtp:Host"]);
        Assert.Equal("INSIGHTS_SMTP_PASSWORD", values["Reports:Smtp:PasswordEnv"]);
        Assert.Equal("cto@example.com", values["Reports:Smtp:Recipients:0"]);
        Assert.Equal("lead@example.com", values["Reports:Smtp:TeamRecipients:payments:0"]);
    }

    [Theory]
    [InlineData("reports:\n  time_zone: Mars/Olympus", "reports.time_zone", "IANA time zone")]
    [InlineData("reports:\n  schedule: every monday", "reports.schedule", "cron")]
    [InlineData("reports:\n  smtp:\n    recipients: [not-an-address]", "reports.smtp.recipients[0]", "e-mail address")]
    [InlineData("reports:\n  smtp:\n    password_env: my password", "reports.smtp.password_env", "environment variable")]
    [InlineData("reports:\n  smtp:\n    security: tls", "reports.smtp.security", "one of auto, none, starttls, ssl")]
    [InlineData("reports:\n  per_tream: true", "reports.per_tream", "did you mean 'per_team'")]
    public void AMistake_IsNamedByItsYamlKey(string yaml, string key, string reason)
    {
        var error = Assert.Single(Assert.Throws<ConfigFileException>(() => ConfigFile.Parse(yaml, InsightsConfigSchema.Root)).Errors);

        Assert.StartsWith(key + " ", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
