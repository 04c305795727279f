using Insights.Domain.Events;
using Octokit;
using Deployment = Insights.Domain.Events.Deployment;

namespace Insights.Ingest.GitHub;

/// <summary>
/// GitHub's objects → domain events. Deployments: the final state is the latest success (finished at
/// that status's time) or else failure/error (failure); queued/pending/in_progress are in progress.
/// Source <c>github</c>, so that the connector and the webhooks update the same events.
/// </summary>
public static class GitHubMapper
{
    public const string Source = "github";

    private static readonly string[] Running = ["queued", "pending", "in_progress"];

    /// <summary>The deployment's outcome from its statuses (any order), or null when it has none we count.</summary>
    public static (string Status, DateTime? FinishedAt)? Outcome(IEnumerable<GitHubDeploymentStatus> statuses)
    {
        var ordered = statuses.OrderBy(s => s.CreatedAt).ToList();
        var success = ordered.LastOrDefault(s => s.State == "success");
        if (success is not null)
        {
            return ("success", success.CreatedAt.UtcDateTime);
        }

        var failed = ordered.LastOrDefault(s => s.State is "failure" or "error");
        if (failed is not null)
        {
            return ("failure", failed.CreatedAt.UtcDateTime);
        }

        return ordered.Any(s => Running.Contains(s.State)) || ordered.Count == 0 ? ("in_progress", null) : null;
    }

    public static Deployment ToDeployment(GitHubDeployment deployment, string repository, string service, string status, DateTime? finishedAt, IReadOnlyList<string>? commits) =>
        new(deployment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), service, deployment.Environment, status)
        {
            Source = Source,
            StartedAt = deployment.CreatedAt.UtcDateTime,
            FinishedAt = finishedAt,
            CommitSha = deployment.Sha,
            Commits = commits,
            Repository = repository,
            Pipeline = deployment.Task,
            Production = deployment.ProductionEnvironment == true ? true : null,
            TriggeredBy = deployment.Creator?.Login,
        };

    public static Domain.Events.PullRequest ToPullRequest(Octokit.PullRequest pr, string repository, string service, DateTime? firstCommitAt) =>
        new(repository, pr.Number, pr.User?.Login ?? "ghost", pr.CreatedAt.UtcDateTime)
        {
            Source = Source,
            AuthorType = pr.User?.Type?.ToString(),
            Service = service,
            Title = pr.Title,
            MergedAt = pr.MergedAt?.UtcDateTime,
            MergeCommitSha = pr.MergedAt is null ? null : pr.MergeCommitSha,
            FirstCommitAt = firstCommitAt is { } first && pr.MergedAt is { } merged && first > merged.UtcDateTime ? merged.UtcDateTime : firstCommitAt,
            BaseRef = pr.Base?.Ref,
        };

    /// <summary>The earliest author date among a pull request's commits.</summary>
    public static DateTime? FirstCommitAt(IEnumerable<PullRequestCommit> commits) =>
        commits.Select(c => c.Commit?.Author?.Date.UtcDateTime).Where(d => d is not null).Min();
}
