namespace Insights.Ingest.Connectors;

/// <summary>
/// One configured source (a GitHub organisation, a Jira site…). A sync reads what changed since the
/// cursor, writes it through the ingest path, and returns the cursor to resume from next time.
/// Runs are at-least-once: writing the same events again is harmless (ingest is idempotent).
/// </summary>
public interface IConnector
{
    /// <summary>The configured name, unique across sources (e.g. <c>github-acme</c>).</summary>
    string Name { get; }

    /// <summary>The source kind: github, jira, pagerduty, backstage, hr_csv.</summary>
    string Kind { get; }

    /// <summary>Cron expression of the recurring sync.</summary>
    string Schedule { get; }

    Task<SyncResult> SyncAsync(string? cursor, ConnectorContext context, CancellationToken cancellationToken);
}
