using System.Text.Json;
using Insights.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Insights.Ingest.Tests.GitHub;

/// <summary>A GitHub REST fake serving the documented shapes for one repository, acme/api.</summary>
public static class GitHubFake
{
    public static string Iso(DateTimeOffset t) => IsoTime.Of(t);

    public static object PullRequest(int number, DateTimeOffset created, DateTimeOffset updated, DateTimeOffset? merged, string author = "octocat", string userType = "User") => new
    {
        url = $"https://api.github.com/repos/acme/api/pulls/{number}",
        id = 1000 + number,
        number,
        state = "closed",
        title = $"Change {number}",
        user = new { login = author, id = 1, type = userType },
        created_at = Iso(created),
        updated_at = Iso(updated),
        closed_at = Iso(merged ?? updated),
        merged_at = merged is null ? null : Iso(merged.Value),
        merge_commit_sha = merged is null ? null : $"m{number:D3}",
        head = new { @ref = $"feature-{number}", sha = $"h{number:D3}" },
        @base = new { @ref = "main", sha = "b000" },
        draft = false,
        labels = Array.Empty<object>(),
    };

    public static object Commit(string sha, DateTimeOffset authored) => new
    {
        sha,
        commit = new { message = "work", author = new { name = "Octo Cat", email = "octo@example.com", date = Iso(authored) }, committer = new { name = "Octo Cat", email = "octo@example.com", date = Iso(authored) } },
    };

    public static object Deployment(long id, string sha, string environment, DateTimeOffset created, bool production) => new
    {
        url = $"https://api.github.com/repos/acme/api/deployments/{id}",
        id,
        sha,
        @ref = "main",
        task = "deploy",
        // A nested payload, which Octokit's own Deployment model cannot read (octokit.net#2414).
        payload = new { strategy = new { canary = true } },
        environment,
        original_environment = environment,
        production_environment = production,
        transient_environment = false,
        creator = new { login = "deploy-bot", id = 2, type = "Bot" },
        created_at = Iso(created),
        updated_at = Iso(created),
        statuses_url = $"https://api.github.com/repos/acme/api/deployments/{id}/statuses",
    };

    public static object Status(long id, string state, DateTimeOffset created) => new { id, state, created_at = Iso(created), environment = "production" };

    /// <summary>Every change's timeline is empty unless a test maps one (a change opened ready, never reviewed).</summary>
    public static void EmptyTimelines(WireMockServer fake) =>
        fake.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher("/repos/acme/api/issues/*/timeline")).UsingGet()).AtPriority(50)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody("[]"));

    public static void Json(WireMockServer fake, string path, object body, Action<IRequestBuilder>? match = null, int status = 200, string? link = null)
    {
        var request = Request.Create().WithPath(path).UsingGet();
        match?.Invoke(request);
        var response = Response.Create().WithStatusCode(status)
            .WithHeader("Content-Type", "application/json; charset=utf-8")
            .WithHeader("x-ratelimit-limit", "5000")
            .WithHeader("x-ratelimit-remaining", "4999")
            .WithBody(JsonSerializer.Serialize(body));
        if (link is not null)
        {
            response = response.WithHeader("Link", link);
        }

        // Defaults at a low priority: a test overrides a path by mapping it at priority 1.
        fake.Given(request).AtPriority(10).RespondWith(response);
    }
}
