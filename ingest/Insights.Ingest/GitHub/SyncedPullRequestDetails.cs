namespace Insights.Ingest.GitHub;

/// <summary>What a sync read about a change and a webhook delivery cannot know: its commits, draft time and reviews.</summary>
internal sealed record SyncedPullRequestDetails(DateTime? FirstCommitAt, DateTime? ReadyForReviewAt, DateTime? FirstReviewAt);
