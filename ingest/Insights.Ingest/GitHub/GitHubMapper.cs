using Insights.Domain.Events;
using Insights.Ingest.Connectors;
using Octokit;
using Deployment = Insights.Domain.Events.Deployment;

namespace Insights.Ingest.GitHub;

/// <summary>
/// GitHub's objects → domain events, for the sync and the webhooks alike. Source <c>github</c>, so that
/// both update the same events.
/// </summary>
public static class GitHubMapper
{
    public const string Source = "github";

    /// <summary>Our pull-request fields → where GitHub keeps them, for the quarantine's messages.</summary>
    public static readonly IReadOnlyDictionary<string, string> PullRequestFields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["created_at"] = "created_at",
        ["merged_at"] = "merged_at",
        ["title"] = "title",
        ["author"] = "user.login",
        ["first_commit_at"] = "commits[].commit.author.date",
        ["ready_for_review_at"] = "timeline[ready_for_review].created_at",
        ["first_review_at"] = "timeline[reviewed].submitted_at",
        ["labels"] = "labels",
        ["base_ref"] = "base.ref",
    };

    public static readonly IReadOnlyDictionary<string, string> DeploymentFields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["environment"] = "environment",
        ["started_at"] = "created_at",
        ["finished_at"] = "statuses[].created_at",
        ["commit_sha"] = "sha",
        ["pipeline"] = "task",
        ["triggered_by"] = "creator.login",
    };

    /// <summary>
    /// The rule for one deployment status, which the sync applies to a deployment's whole list and the
    /// webhook to each delivery: a success stands, then a failure (failure, error) over a running state
    /// (queued, pending, in_progress), then the later status (created_at, then status id). Null for a status
    /// that says nothing new (inactive: superseded by a later deployment).
    /// </summary>
    public static DeploymentOutcome? Outcome(string state, DateTimeOffset createdAt, long statusId) => state switch
    {
        "success" => new("success", createdAt.UtcDateTime, new WebhookOrder(2, createdAt, statusId)),
        "failure" or "error" => new("failure", createdAt.UtcDateTime, new WebhookOrder(1, createdAt, statusId)),
        "queued" or "pending" or "in_progress" => new("in_progress", null, new WebhookOrder(0, createdAt, statusId)),
        _ => null,
    };

    /// <summary>The deployment's outcome from all its statuses (any order): the highest by <see cref="Outcome(string, DateTimeOffset, long)"/>'s rule; in progress without statuses; null when it has only statuses we do not count.</summary>
    public static DeploymentOutcome? Outcome(IReadOnlyCollection<GitHubDeploymentStatus> statuses) =>
        statuses.Count == 0
            ? new DeploymentOutcome("in_progress", null, default)
            : statuses.Select(s => Outcome(s.State, s.CreatedAt, s.Id)).OfType<DeploymentOutcome>().MaxBy(o => (o.Order.Rank, o.Order.OccurredAt, o.Order.Sequence));

    public static Deployment ToDeployment(GitHubDeployment deployment, string repository, string service, DeploymentOutcome outcome, IReadOnlyList<string>? commits) =>
        new(deployment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), service, deployment.Environment, outcome.Status)
        {
            Source = Source,
            StartedAt = deployment.CreatedAt.UtcDateTime,
            FinishedAt = outcome.FinishedAt,
            CommitSha = deployment.Sha,
            Commits = commits,
            Repository = repository,
            Pipeline = deployment.Task,
            Production = deployment.ProductionEnvironment == true ? true : null,
            TriggeredBy = deployment.Creator?.Login,
        };

    /// <summary>A merged pull request as the sync reads it: with its first commit, and its review history from its timeline.</summary>
    public static Domain.Events.PullRequest ToPullRequest(Octokit.PullRequest pr, string repository, string service, DateTime? firstCommitAt, IReadOnlyCollection<GitHubTimelineEvent> timeline)
    {
        var author = pr.User?.Login ?? "ghost";
        return new Domain.Events.PullRequest(repository, pr.Number, author, pr.CreatedAt.UtcDateTime)
        {
            Source = Source,
            AuthorType = pr.User?.Type?.ToString(),
            Service = service,
            Title = pr.Title,
            MergedAt = pr.MergedAt?.UtcDateTime,
            MergeCommitSha = pr.MergedAt is null ? null : pr.MergeCommitSha,
            FirstCommitAt = firstCommitAt is { } first && pr.MergedAt is { } merged && first > merged.UtcDateTime ? merged.UtcDateTime : firstCommitAt,
            BaseRef = pr.Base?.Ref,
            ReadyForReviewAt = ReadyForReviewAt(timeline),
            FirstReviewAt = FirstReviewAt(timeline, author),
            Labels = Labels(pr.Labels?.Select(l => l.Name)),
        };
    }

    /// <summary>A merged pull request as a <c>pull_request</c> delivery describes it (no commits or timeline: the next sync adds them).</summary>
    public static Domain.Events.PullRequest ToPullRequest(Octokit.Webhooks.Models.PullRequestEvent.PullRequest pr, string repository, string service) =>
        new(repository, pr.Number, pr.User?.Login ?? "ghost", pr.CreatedAt.UtcDateTime)
        {
            Source = Source,
            AuthorType = pr.User?.Type?.StringValue,
            Service = service,
            Title = pr.Title,
            MergedAt = pr.MergedAt?.UtcDateTime,
            MergeCommitSha = pr.MergeCommitSha,
            BaseRef = pr.Base?.Ref,
            Additions = pr.Additions,
            Deletions = pr.Deletions,
            Labels = Labels(pr.Labels?.Select(l => l.Name)),
        };

    /// <summary>The earliest author date among a pull request's commits.</summary>
    public static DateTime? FirstCommitAt(IEnumerable<PullRequestCommit> commits) =>
        commits.Select(c => c.Commit?.Author?.Date.UtcDateTime).Where(d => d is not null).Min();

    /// <summary>When the change, opened as a draft, was first marked ready for review; null when it never was a draft.</summary>
    public static DateTime? ReadyForReviewAt(IEnumerable<GitHubTimelineEvent> timeline) =>
        timeline.Where(e => e.Event == "ready_for_review" && e.CreatedAt is not null).Select(e => e.CreatedAt!.Value.UtcDateTime).Order().Cast<DateTime?>().FirstOrDefault();

    /// <summary>The first review submitted by someone other than the author and not by a bot (an automated reviewer is not a colleague picking the change up).</summary>
    public static DateTime? FirstReviewAt(IEnumerable<GitHubTimelineEvent> timeline, string author) =>
        timeline
            .Where(e => e.Event == "reviewed" && e.SubmittedAt is not null && !string.Equals(e.State, "pending", StringComparison.OrdinalIgnoreCase))
            .Where(e => e.User is { } reviewer && !string.Equals(reviewer.Login, author, StringComparison.OrdinalIgnoreCase) && !string.Equals(reviewer.Type, "Bot", StringComparison.OrdinalIgnoreCase))
            .Select(e => e.SubmittedAt!.Value.UtcDateTime)
            .Order()
            .Cast<DateTime?>()
            .FirstOrDefault();

    private static IReadOnlyList<string>? Labels(IEnumerable<string?>? names) =>
        names?.OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } labels ? labels : null;
}
