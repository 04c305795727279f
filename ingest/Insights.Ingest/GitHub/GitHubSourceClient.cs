using System.Globalization;
using Insights.Ingest.Connectors;
using Insights.Ingest.Http;
using Octokit;
using Octokit.Internal;

namespace Insights.Ingest.GitHub;

/// <summary>
/// The GitHub calls a sync makes (Octokit over the configured API root, so GitHub Enterprise works the
/// same way), each through the rate limiter; answers that are not the JSON asked for (an HTML page, cut-off
/// JSON) fail before Octokit parses them (<see cref="CheckedJsonHandler"/>).
/// </summary>
public sealed class GitHubSourceClient
{
    public const int PageSize = 100;

    private readonly GitHubClient _client;
    private readonly ApiConnection _api;
    private readonly GitHubRateLimiter _limiter;

    public GitHubSourceClient(GitHubOptions options, string token, ConnectorContext context)
    {
        var root = new Uri(options.BaseUrl.EndsWith('/') ? options.BaseUrl : options.BaseUrl + "/");
        // TRICKY: new GitHubClient(header, uri) would rewrite a non-github.com host to …/api/v3/; a Connection uses the URI as given.
        var connection = new Connection(
            new ProductHeaderValue("platform-insights"),
            root,
            new InMemoryCredentialStore(new Credentials(token)),
            new HttpClientAdapter(() => new CheckedJsonHandler(HttpMessageHandlerFactory.CreateDefault())),
            new SimpleJsonSerializer());
        _client = new GitHubClient(connection);
        _api = new ApiConnection(connection);
        _limiter = new GitHubRateLimiter(options.Name, context);
    }

    public async Task<IReadOnlyList<string>> OrganizationRepositoriesAsync(string organization, CancellationToken cancellationToken) =>
        (await _limiter.CallAsync(() => _client.Repository.GetAllForOrg(organization), cancellationToken).ConfigureAwait(false))
            .Where(r => !r.Archived)
            .Select(r => r.FullName)
            .ToList();

    public Task<IReadOnlyList<GitHubDeployment>> DeploymentsPageAsync(string owner, string name, int page, CancellationToken cancellationToken) =>
        _limiter.CallAsync(() => _api.GetAll<GitHubDeployment>(
            new Uri($"repos/{owner}/{name}/deployments", UriKind.Relative), null, new ApiOptions { PageSize = PageSize, PageCount = 1, StartPage = page }), cancellationToken);

    public Task<GitHubDeployment> DeploymentAsync(string owner, string name, long id, CancellationToken cancellationToken) =>
        _limiter.CallAsync(() => _api.Get<GitHubDeployment>(new Uri($"repos/{owner}/{name}/deployments/{id.ToString(CultureInfo.InvariantCulture)}", UriKind.Relative)), cancellationToken);

    public Task<IReadOnlyList<GitHubDeploymentStatus>> StatusesAsync(string owner, string name, long deployment, CancellationToken cancellationToken) =>
        _limiter.CallAsync(() => _api.GetAll<GitHubDeploymentStatus>(
            new Uri($"repos/{owner}/{name}/deployments/{deployment.ToString(CultureInfo.InvariantCulture)}/statuses", UriKind.Relative), null, new ApiOptions { PageSize = PageSize }), cancellationToken);

    public Task<IReadOnlyList<PullRequest>> ClosedPullRequestsPageAsync(string owner, string name, int page, CancellationToken cancellationToken) =>
        _limiter.CallAsync(() => _client.PullRequest.GetAllForRepository(owner, name, new PullRequestRequest
        {
            State = ItemStateFilter.Closed,
            SortProperty = PullRequestSort.Updated,
            SortDirection = SortDirection.Descending,
        }, new ApiOptions { PageSize = PageSize, PageCount = 1, StartPage = page }), cancellationToken);

    public Task<PullRequest> PullRequestAsync(string owner, string name, int number, CancellationToken cancellationToken) =>
        _limiter.CallAsync(() => _client.PullRequest.Get(owner, name, number), cancellationToken);

    public Task<IReadOnlyList<PullRequestCommit>> PullRequestCommitsAsync(string owner, string name, int number, CancellationToken cancellationToken) =>
        _limiter.CallAsync(() => _client.PullRequest.Commits(owner, name, number), cancellationToken);

    /// <summary>A change's timeline (its reviews and its draft → ready for review moment among the rest), every page.</summary>
    public Task<IReadOnlyList<GitHubTimelineEvent>> TimelineAsync(string owner, string name, int number, CancellationToken cancellationToken) =>
        _limiter.CallAsync(() => _api.GetAll<GitHubTimelineEvent>(
            new Uri($"repos/{owner}/{name}/issues/{number.ToString(CultureInfo.InvariantCulture)}/timeline", UriKind.Relative), null, new ApiOptions { PageSize = PageSize }), cancellationToken);

    /// <summary>The commits a deployment of <paramref name="head"/> shipped after one of <paramref name="baseSha"/> (GitHub returns at most 250).</summary>
    public async Task<IReadOnlyList<string>> CommitsBetweenAsync(string owner, string name, string baseSha, string head, CancellationToken cancellationToken)
    {
        var comparison = await _limiter.CallAsync(() => _client.Repository.Commit.Compare(owner, name, baseSha, head), cancellationToken).ConfigureAwait(false);
        return comparison.Commits.Select(c => c.Sha).ToList();
    }
}
