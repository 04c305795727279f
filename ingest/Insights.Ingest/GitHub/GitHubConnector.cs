using System.Net;
using System.Text.Json;
using Insights.Domain.Events;
using Insights.Ingest.Connectors;
using Insights.Ingest.Http;
using Octokit;
using Deployment = Insights.Domain.Events.Deployment;

namespace Insights.Ingest.GitHub;

/// <summary>
/// Syncs each repository's merged pull requests (with the time of their first commit, and their review
/// history: first review, draft → ready for review) and its deployments (with their final status, and the
/// commits each successful deployment shipped since the previous successful one in the same environment —
/// so lead time is attributed by commits). Each repository is a part of its own: one that fails records its
/// error and the others sync. A change or deployment whose details cannot be read, or that does not map to
/// a valid event, goes to the quarantine and is read again on later runs.
/// Incremental: pull requests are read newest-updated first and paging stops at the last run's
/// watermark; deployments are read newest first down to the watermark, and deployments that were still
/// running are looked at again. Cursor: per repository, both watermarks, the running deployments and the
/// last successful SHA per environment.
/// </summary>
public sealed class GitHubConnector(GitHubOptions options, SecretResolver secrets) : IConnector
{
    /// <summary>Quarantined items read again per run (least recently tried first).</summary>
    public const int RetriesPerRun = 100;

    public string Name => options.Name;

    public string Kind => options.Kind;

    public string Schedule => options.Schedule;

    public async Task<SyncResult> SyncAsync(string? cursor, ConnectorContext context, CancellationToken cancellationToken)
    {
        var state = cursor is null ? new Cursor() : JsonSerializer.Deserialize<Cursor>(cursor) ?? new Cursor();
        var client = new GitHubSourceClient(options, secrets.Resolve(options.Name, options.TokenEnv), context);
        var repositories = new List<string>(options.Repositories);
        foreach (var organization in options.Organizations)
        {
            await context.PartAsync($"organization {organization}", async () =>
                repositories.AddRange(await client.OrganizationRepositoriesAsync(organization, cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
        }

        var pulls = context.Items<Domain.Events.PullRequest>(EventKind.PullRequests, GitHubMapper.PullRequestFields);
        var deployments = context.Items<Deployment>(EventKind.Deployments, GitHubMapper.DeploymentFields);
        var retries = context.Quarantine.ToRetry(EventKind.PullRequests, RetriesPerRun).Select(k => (EventKind.PullRequests, k))
            .Concat(context.Quarantine.ToRetry(EventKind.Deployments, RetriesPerRun).Select(k => (EventKind.Deployments, k)))
            .ToList();
        if (retries.Count > 0)
        {
            await context.PartAsync("quarantined items", () => RetryAsync(client, retries, pulls, deployments, state, context, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        var initial = context.Clock.GetUtcNow().AddDays(-options.InitialDays);
        foreach (var repository in repositories.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var repo = state.Repositories.GetValueOrDefault(repository) ?? new RepositoryCursor { PullsSince = initial, DeploymentsSince = initial };
            var parts = repository.Split('/');
            var sync = new RepositorySync(client, parts[0], parts[1], repository, context, pulls, deployments);
            // Each half moves its own watermarks only when it completes, so a failure keeps them where they were.
            await context.PartAsync(repository, async () =>
            {
                await sync.PullRequestsAsync(repo, cancellationToken).ConfigureAwait(false);
                await sync.DeploymentsAsync(repo, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            state.Repositories[repository] = repo;
        }

        return new SyncResult(JsonSerializer.Serialize(state), context.Rows);
    }

    /// <summary>Reads quarantined changes and deployments again (<c>owner/name/pulls/12</c>, <c>owner/name/deployments/345</c>).</summary>
    private static async Task RetryAsync(
        GitHubSourceClient client, List<(EventKind Kind, string Key)> keys, SourceItems<Domain.Events.PullRequest> pulls, SourceItems<Deployment> deployments,
        Cursor state, ConnectorContext context, CancellationToken cancellationToken)
    {
        foreach (var (kind, key) in keys)
        {
            var marker = kind == EventKind.PullRequests ? "/pulls/" : "/deployments/";
            var at = key.LastIndexOf(marker, StringComparison.Ordinal);
            var repository = at > 0 ? key[..at] : "";
            var parts = repository.Split('/');
            if (parts.Length != 2 || !long.TryParse(key[(at + marker.Length)..], System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                context.Quarantine.Release(kind, key);
                continue;
            }

            var sync = new RepositorySync(client, parts[0], parts[1], repository, context, pulls, deployments);
            try
            {
                if (kind == EventKind.PullRequests)
                {
                    var pr = await client.PullRequestAsync(parts[0], parts[1], (int)id, cancellationToken).ConfigureAwait(false);
                    await sync.AddPullRequestAsync(pr, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var deployment = await client.DeploymentAsync(parts[0], parts[1], id, cancellationToken).ConfigureAwait(false);
                    if (await sync.AddDeploymentAsync(deployment, lastSuccess: null, cancellationToken).ConfigureAwait(false) == "in_progress"
                        && state.Repositories.TryGetValue(repository, out var repo) && !repo.Running.Contains(id))
                    {
                        repo.Running.Add(id);
                    }
                }
            }
            catch (NotFoundException)
            {
                // Gone from GitHub (or out of the token's reach): nothing left to retry.
                context.Quarantine.Release(kind, key);
            }
        }

        await pulls.FlushAsync(cancellationToken).ConfigureAwait(false);
        await deployments.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public sealed class Cursor
    {
        public Dictionary<string, RepositoryCursor> Repositories { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    }

    public sealed class RepositoryCursor
    {
        public DateTimeOffset PullsSince { get; set; }

        public DateTimeOffset DeploymentsSince { get; set; }

        /// <summary>Deployments without a final status last time.</summary>
        public List<long> Running { get; set; } = [];

        /// <summary>Environment → SHA of its latest successful deployment (the base of the next comparison).</summary>
        public Dictionary<string, string> LastSuccess { get; set; } = new(StringComparer.Ordinal);
    }

    private sealed class RepositorySync(
        GitHubSourceClient client, string owner, string name, string repository, ConnectorContext context,
        SourceItems<Domain.Events.PullRequest> pulls, SourceItems<Deployment> deployments)
    {
        public async Task PullRequestsAsync(RepositoryCursor cursor, CancellationToken cancellationToken)
        {
            var watermark = cursor.PullsSince;
            var newest = watermark;
            for (var page = 1; ; page++)
            {
                var listed = await client.ClosedPullRequestsPageAsync(owner, name, page, cancellationToken).ConfigureAwait(false);
                var fresh = listed.Where(p => p.UpdatedAt >= watermark).ToList();
                foreach (var pr in fresh.Where(p => p.MergedAt is not null))
                {
                    await AddPullRequestAsync(pr, cancellationToken).ConfigureAwait(false);
                }

                await pulls.FlushAsync(cancellationToken).ConfigureAwait(false);
                await context.Progress.PageAsync($"pull requests of {repository}", fresh.Count, null, cancellationToken).ConfigureAwait(false);
                newest = fresh.Select(p => p.UpdatedAt).Append(newest).Max();
                // Sorted by update, newest first: a page that reaches back past the watermark is the last one needed.
                if (listed.Count < GitHubSourceClient.PageSize || fresh.Count < listed.Count)
                {
                    break;
                }
            }

            cursor.PullsSince = newest;
        }

        /// <summary>A merged change with its commits and timeline; when those cannot be read, the change waits in the quarantine.</summary>
        public async Task AddPullRequestAsync(Octokit.PullRequest pr, CancellationToken cancellationToken)
        {
            var key = $"{repository}/pulls/{pr.Number}";
            if (pr.MergedAt is null)
            {
                context.Quarantine.Release(EventKind.PullRequests, key);
                return;
            }

            IReadOnlyList<PullRequestCommit> commits;
            IReadOnlyList<GitHubTimelineEvent> timeline;
            string step = "commits";
            try
            {
                commits = await client.PullRequestCommitsAsync(owner, name, pr.Number, cancellationToken).ConfigureAwait(false);
                step = "timeline";
                timeline = await client.TimelineAsync(owner, name, pr.Number, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsItemProblem(ex))
            {
                pulls.Hold(key, step, ConnectorContext.Describe(ex), Describe(pr));
                return;
            }

            var service = context.Catalog.ServiceForRepository(repository);
            pulls.Add(key, () => Describe(pr), () => GitHubMapper.ToPullRequest(pr, repository, service, GitHubMapper.FirstCommitAt(commits), timeline));
        }

        public async Task DeploymentsAsync(RepositoryCursor cursor, CancellationToken cancellationToken)
        {
            var watermark = cursor.DeploymentsSince;
            var found = new List<GitHubDeployment>();
            for (var page = 1; ; page++)
            {
                var listed = await client.DeploymentsPageAsync(owner, name, page, cancellationToken).ConfigureAwait(false);
                found.AddRange(listed.Where(d => d.CreatedAt >= watermark || cursor.Running.Contains(d.Id)));
                await context.Progress.PageAsync($"deployments of {repository}", listed.Count, null, cancellationToken).ConfigureAwait(false);
                // GitHub does not document the order; in practice it is newest first. Stop once a whole page is older.
                if (listed.Count < GitHubSourceClient.PageSize || listed.All(d => d.CreatedAt < watermark))
                {
                    break;
                }
            }

            // Moved into the cursor only when every deployment is written: a failure half-way must not move a comparison's base.
            var lastSuccess = new Dictionary<string, string>(cursor.LastSuccess, StringComparer.Ordinal);
            var running = new List<long>();
            foreach (var deployment in found.DistinctBy(d => d.Id).OrderBy(d => d.CreatedAt))
            {
                if (await AddDeploymentAsync(deployment, lastSuccess, cancellationToken).ConfigureAwait(false) == "in_progress")
                {
                    running.Add(deployment.Id);
                }
            }

            await deployments.FlushAsync(cancellationToken).ConfigureAwait(false);
            cursor.LastSuccess = lastSuccess;
            cursor.Running = running;
            cursor.DeploymentsSince = found.Select(d => d.CreatedAt).Append(watermark).Max();
        }

        /// <summary>
        /// A deployment with its outcome; a success also with the commits shipped since the environment's
        /// previous success (<paramref name="lastSuccess"/>; null: not known, e.g. for a quarantined one read again).
        /// </summary>
        /// <returns>The outcome's status, or null when there is nothing to write (yet).</returns>
        public async Task<string?> AddDeploymentAsync(GitHubDeployment deployment, Dictionary<string, string>? lastSuccess, CancellationToken cancellationToken)
        {
            var key = $"{repository}/deployments/{deployment.Id}";
            IReadOnlyList<GitHubDeploymentStatus> statuses;
            try
            {
                statuses = await client.StatusesAsync(owner, name, deployment.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsItemProblem(ex))
            {
                deployments.Hold(key, "statuses", ConnectorContext.Describe(ex), deployment);
                return null;
            }

            if (GitHubMapper.Outcome(statuses) is not { } outcome)
            {
                context.Quarantine.Release(EventKind.Deployments, key);
                return null;
            }

            IReadOnlyList<string>? commits = null;
            if (outcome.Status == "success" && lastSuccess is not null)
            {
                if (lastSuccess.TryGetValue(deployment.Environment, out var previous) && previous != deployment.Sha)
                {
                    try
                    {
                        commits = await client.CommitsBetweenAsync(owner, name, previous, deployment.Sha, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (IsItemProblem(ex))
                    {
                        // E.g. the previous SHA was force-pushed away: the deployment stands, what it shipped is unknown.
                        context.Warn($"{repository}: deployment {deployment.Id} — could not compare {previous}...{deployment.Sha} ({ConnectorContext.Describe(ex)}); the commits it shipped are unknown");
                    }
                }

                lastSuccess[deployment.Environment] = deployment.Sha;
            }

            var service = context.Catalog.ServiceForRepository(repository);
            deployments.Add(key, () => deployment, () => GitHubMapper.ToDeployment(deployment, repository, service, outcome, commits));
            return outcome.Status;
        }

        /// <summary>What the quarantine keeps of a change: the fields we read, not Octokit's whole object.</summary>
        private static object Describe(Octokit.PullRequest pr) => new
        {
            pr.Number,
            pr.Title,
            User = pr.User?.Login,
            pr.CreatedAt,
            pr.UpdatedAt,
            pr.MergedAt,
            pr.MergeCommitSha,
            pr.Draft,
            Base = pr.Base?.Ref,
            Labels = pr.Labels?.Select(l => l.Name).ToList(),
        };

        /// <summary>
        /// An error about one item's details (a 404 or 500 on its commits, an answer that is not JSON), not
        /// about the source: authentication and rate limits (waited out already) fail the repository instead.
        /// </summary>
        private static bool IsItemProblem(Exception ex) => ex switch
        {
            AuthorizationException or ForbiddenException or RateLimitExceededException or SecondaryRateLimitExceededException or AbuseException => false,
            ApiException api => api.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests),
            SourceResponseException => true,
            _ => false,
        };
    }
}
