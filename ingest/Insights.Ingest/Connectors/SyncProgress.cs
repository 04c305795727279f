namespace Insights.Ingest.Connectors;

/// <summary>How far a sync run has come: its current stage (a repository's pull requests, a window of incidents, a JQL query) and the run's totals.</summary>
/// <param name="Stage">What the run is reading now.</param>
/// <param name="StageExpected">How many items the stage holds, when the vendor says (PagerDuty's total, Jira Data Center's total, Backstage's totalItems).</param>
public sealed record SyncProgress(
    string Stage,
    int StagePages,
    long StageItems,
    long? StageExpected,
    int Pages,
    long Items,
    DateTime UpdatedAt);
