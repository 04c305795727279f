using System.Text.Json;
using Insights.Domain.Events;
using Insights.Ingest.Connectors;

namespace Insights.Ingest.GitHub;

/// <summary>
/// Syncs each repository's merged pull requests (with the time of their first commit) and its
/// deployments (with their final status, and the commits each successful deployment shipped since
/// the previous successful one in the same environment — so lead time is attributed by commits).
/// Incremental: pull requests are read newest-updated first and paging stops at the last run's
/// watermark; deployments are read newest first down to the watermark, and deployments that were
/// still running are looked at again. Cursor: per repository, both watermarks, the running
/// deployments and the last successful SHA per environment.
/// </summary>
public sealed class GitHubConnector(GitHubOptions options, SecretResolver secrets) : IConnector
{
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
            repositories.AddRange(await client.OrganizationRepositoriesAsync(organization, cancellationToken).ConfigureAwait(false));
        }

        var initial = context.Clock.GetUtcNow().AddDays(-options.InitialDays);
        foreach (var repository in repositories.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var repo = state.Repositories.GetValueOrDefault(repository) ?? new RepositoryCursor { PullsSince = initial, DeploymentsSince = initial };
            var parts = repository.Split('/');
            var sync = new RepositorySync(client, parts[0], parts[1], repository, context);
            await sync.PullRequestsAsync(repo, cancellationToken).ConfigureAwait(false);
            await sync.DeploymentsAsync(repo, cancellationToken).ConfigureAwait(false);
            state.Repositories[repository] = repo;
        }

        return new SyncResult(JsonSerializer.Serialize(state), context.Rows);
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

    private sealed class RepositorySync(GitHubSourceClient client, string owner, string name, string repository, ConnectorContext context)
    {
        public async Task PullRequestsAsync(RepositoryCursor cursor, CancellationToken cancellationToken)
        {
            var watermark = cursor.PullsSince;
            var newest = watermark;
            var merged = new List<PullRequest>();
            for (var page = 1; ; page++)
            {
                var pulls = await client.ClosedPullRequestsPageAsync(owner, name, page, cancellationToken).ConfigureAwait(false);
                var fresh = pulls.Where(p => p.UpdatedAt >= watermark).ToList();
                foreach (var pr in fresh.Where(p => p.MergedAt is not null))
                {
                    var commits = await client.PullRequestCommitsAsync(owner, name, pr.Number, cancellationToken).ConfigureAwait(false);
                    merged.Add(GitHubMapper.ToPullRequest(pr, repository, context.Catalog.ServiceForRepository(repository), GitHubMapper.FirstCommitAt(commits)));
                }

                newest = fresh.Select(p => p.UpdatedAt).Append(newest).Max();
                // Sorted by update, newest first: a page that reaches back past the watermark is the last one needed.
                if (pulls.Count < GitHubSourceClient.PageSize || fresh.Count < pulls.Count)
                {
                    break;
                }
            }

            await context.WriteAsync(EventKind.PullRequests, merged, cancellationToken).ConfigureAwait(false);
            cursor.PullsSince = newest;
        }

        public async Task DeploymentsAsync(RepositoryCursor cursor, CancellationToken cancellationToken)
        {
            var watermark = cursor.DeploymentsSince;
            var found = new List<GitHubDeployment>();
            for (var page = 1; ; page++)
            {
                var deployments = await client.DeploymentsPageAsync(owner, name, page, cancellationToken).ConfigureAwait(false);
                found.AddRange(deployments.Where(d => d.CreatedAt >= watermark || cursor.Running.Contains(d.Id)));
                // GitHub does not document the order; in practice it is newest first. Stop once a whole page is older.
                if (deployments.Count < GitHubSourceClient.PageSize || deployments.All(d => d.CreatedAt < watermark))
                {
                    break;
                }
            }

            var running = new List<long>();
            var records = new List<Deployment>();
            var service = context.Catalog.ServiceForRepository(repository);
            foreach (var deployment in found.DistinctBy(d => d.Id).OrderBy(d => d.CreatedAt))
            {
                var statuses = await client.StatusesAsync(owner, name, deployment.Id, cancellationToken).ConfigureAwait(false);
                if (GitHubMapper.Outcome(statuses) is not { } outcome)
                {
                    continue;
                }

                IReadOnlyList<string>? commits = null;
                if (outcome.Status == "in_progress")
                {
                    running.Add(deployment.Id);
                }
                else if (outcome.Status == "success")
                {
                    if (cursor.LastSuccess.TryGetValue(deployment.Environment, out var previous) && previous != deployment.Sha)
                    {
                        commits = await client.CommitsBetweenAsync(owner, name, previous, deployment.Sha, cancellationToken).ConfigureAwait(false);
                    }

                    cursor.LastSuccess[deployment.Environment] = deployment.Sha;
                }

                records.Add(GitHubMapper.ToDeployment(deployment, repository, service, outcome.Status, outcome.FinishedAt, commits));
            }

            await context.WriteAsync(EventKind.Deployments, records, cancellationToken).ConfigureAwait(false);
            cursor.Running = running;
            cursor.DeploymentsSince = found.Select(d => d.CreatedAt).Append(watermark).Max();
        }
    }
}
