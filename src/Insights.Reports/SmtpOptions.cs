namespace Insights.Reports;

/// <summary>E-mail delivery of the weekly report (YAML <c>reports.smtp</c>). Off while <see cref="Host"/> is empty.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary><c>auto</c> (STARTTLS when offered), <c>none</c>, <c>starttls</c> (required), or <c>ssl</c> (TLS from the start).</summary>
    public string Security { get; set; } = "auto";

    /// <summary>The user to authenticate as; none when empty.</summary>
    public string User { get; set; } = "";

    /// <summary>The name of the environment variable holding the password (never the password itself).</summary>
    public string PasswordEnv { get; set; } = "";

    /// <summary>The sender, <c>Platform Insights &lt;insights@example.com&gt;</c>.</summary>
    public string From { get; set; } = "";

    /// <summary>Who receives the organisation's report.</summary>
    public List<string> Recipients { get; set; } = [];

    /// <summary>Team → who receives that team's report (when <c>per_team</c> is on).</summary>
    public Dictionary<string, List<string>> TeamRecipients { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The wait after the first failed attempt; it doubles after each further one (at most 6 h).</summary>
    public int RetryDelaySeconds { get; set; } = 300;

    /// <summary>Attempts before a delivery is marked failed (it stays listed, with its last error).</summary>
    public int MaxAttempts { get; set; } = 10;

    public bool Enabled => Host.Length > 0;

    public IReadOnlyList<string> RecipientsFor(Content.ReportScope scope) =>
        scope.Team is null ? Recipients : TeamRecipients.GetValueOrDefault(scope.Team) ?? [];

    /// <summary>The wait before attempt <paramref name="attemptsMade"/> + 1.</summary>
    public TimeSpan RetryDelay(int attemptsMade)
    {
        var seconds = RetryDelaySeconds * Math.Pow(2, Math.Max(0, attemptsMade - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromHours(6).TotalSeconds));
    }
}
