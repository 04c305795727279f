using System.Globalization;
using System.Text.RegularExpressions;
using Insights.Domain.Events;
using Insights.Domain.Metrics;
using Insights.Ingest.Connectors;
using Insights.Warehouse.Intake;
using Insights.Warehouse.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit.Webhooks;
using Octokit.Webhooks.Events;
using Octokit.Webhooks.Events.DeploymentStatus;
using Octokit.Webhooks.Events.PullRequest;
using Octokit.Webhooks.Events.WorkflowRun;

namespace Insights.Ingest.GitHub;

/// <summary>
/// GitHub deliveries (signature already verified) → events, through the ingest path:
/// <c>deployment_status</c> → the deployment's state; <c>pull_request</c> closed and merged → a merged
/// change; <c>workflow_run</c> completed, of a workflow matching a golden-path pipeline pattern → a
/// golden-path deployment. A redelivery writes the same event again, which replaces it; a deployment
/// status delivered after a newer one is dropped (<see cref="WebhookOrderGate"/>) by the rule the sync
/// applies to a deployment's whole list (<see cref="GitHubMapper.Outcome(string, DateTimeOffset, long)"/>).
/// </summary>
public sealed class GitHubWebhookProcessor(
    EventIngestor ingestor,
    CatalogLookupCache catalog,
    WebhookOrderGate order,
    IOptionsMonitor<MetricsOptions> metrics,
    IOptionsMonitor<GitHubWebhookOptions> options,
    ILogger<GitHubWebhookProcessor> logger) : WebhookEventProcessor
{
    public const string WorkflowSource = "github-actions";

    protected override async ValueTask ProcessDeploymentStatusWebhookAsync(WebhookHeaders headers, DeploymentStatusEvent e, DeploymentStatusAction action, CancellationToken cancellationToken)
    {
        var status = e.DeploymentStatus;
        if (GitHubMapper.Outcome(status.State.StringValue, status.CreatedAt, status.Id) is not { } outcome)
        {
            return;
        }

        var repository = e.Repository!.FullName;
        var lookup = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        var delivered = new GitHubDeployment
        {
            Id = e.Deployment.Id,
            Sha = e.Deployment.Sha,
            Task = e.Deployment.Task,
            Environment = status.Environment ?? e.Deployment.Environment,
            CreatedAt = e.Deployment.CreatedAt,
            Creator = e.Deployment.Creator is { } creator ? new GitHubActor { Login = creator.Login } : null,
        };
        var deployment = GitHubMapper.ToDeployment(delivered, repository, lookup.ServiceForRepository(repository), outcome, commits: null);
        var stale = true;
        await order.ApplyAsync(
            "github-deployment",
            deployment.Id,
            outcome.Order,
            ct =>
            {
                stale = false;
                return WriteAsync(EventKind.Deployments, deployment, ct);
            },
            cancellationToken).ConfigureAwait(false);
        if (stale)
        {
            logger.LogInformation("GitHub deployment {Deployment}: status {StatusId} ({State}, {CreatedAt:O}) arrived after a newer one and is ignored",
                e.Deployment.Id, status.Id, status.State.StringValue, status.CreatedAt);
        }
    }

    protected override async ValueTask ProcessPullRequestWebhookAsync(WebhookHeaders headers, PullRequestEvent e, PullRequestAction action, CancellationToken cancellationToken)
    {
        var pr = e.PullRequest;
        if (e.Action != "closed" || pr.Merged != true || pr.MergedAt is null)
        {
            return;
        }

        var lookup = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        var change = GitHubMapper.ToPullRequest(pr, e.Repository!.FullName, lookup.ServiceForRepository(e.Repository.FullName));
        // A delivery knows nothing of the change's commits, reviews or draft time: the copy a sync stored keeps
        // them (partials/changes_latest.sql keeps such a field once known).
        await WriteAsync(EventKind.PullRequests, change, cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask ProcessWorkflowRunWebhookAsync(WebhookHeaders headers, WorkflowRunEvent e, WorkflowRunAction action, CancellationToken cancellationToken)
    {
        var run = e.WorkflowRun;
        var conclusion = run.Conclusion?.StringValue;
        var pattern = GlobPattern.ToRegex(metrics.CurrentValue.GoldenPathPipelines);
        if (e.Action != "completed" || conclusion is null || pattern.Length == 0
            || !(Regex.IsMatch(run.Path ?? "", pattern) || Regex.IsMatch(run.Name ?? "", pattern)))
        {
            return;
        }

        var repository = e.Repository!.FullName;
        var lookup = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        var deployment = new Deployment(
            run.Id.ToString(CultureInfo.InvariantCulture),
            lookup.ServiceForRepository(repository),
            options.CurrentValue.WorkflowEnvironment,
            conclusion switch
            {
                "success" => "success",
                "cancelled" or "skipped" or "neutral" => "cancelled",
                _ => "failure",
            })
        {
            Source = WorkflowSource,
            StartedAt = run.RunStartedAt.UtcDateTime,
            FinishedAt = run.UpdatedAt.UtcDateTime,
            CommitSha = run.HeadSha,
            Repository = repository,
            Pipeline = run.Path,
            GoldenPath = true,
            TriggeredBy = run.Actor?.Login,
        };
        await WriteAsync(EventKind.Deployments, deployment, cancellationToken).ConfigureAwait(false);
    }

    /// <returns>True when the event was valid and is spooled.</returns>
    private async Task<bool> WriteAsync<T>(EventKind kind, T record, CancellationToken cancellationToken)
    {
        var result = await ingestor.IngestRecordsAsync(kind, [record], cancellationToken).ConfigureAwait(false);
        if (result.Rejected.Count > 0)
        {
            logger.LogWarning("A GitHub delivery did not map to a valid {Kind}: {Errors}", kind.Route(),
                string.Join("; ", result.Rejected[0].Errors.Select(er => $"{er.Key} {string.Join(' ', er.Value)}")));
            return false;
        }

        return true;
    }
}
