using System.Net;
using System.Text.Json;
using Insights.Ingest.Connectors;
using Insights.Ingest.Tests.Connectors;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static Insights.Ingest.Tests.GitHub.GitHubFake;

namespace Insights.Ingest.Tests.GitHub;

public sealed class GitHubConnectorTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T = ConnectorHarness.Start;
    private ConnectorHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await ConnectorHarness.StartAsync(url => new Dictionary<string, string?>
        {
            ["Sources:GitHub:0:Name"] = "gh",
            ["Sources:GitHub:0:BaseUrl"] = url + "/",
            ["Sources:GitHub:0:TokenEnv"] = "TEST_TOKEN",
            ["Sources:GitHub:0:Repositories:0"] = "acme/api",
        });
        await _harness.Server.PushAsync("services", new[] { new { name = "api-svc", team = "core", repository = "acme/api" } });
        await _harness.Server.FlushAsync();
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private void FirstState()
    {
        var fake = _harness.Fake;
        EmptyTimelines(fake);
        Json(fake, "/repos/acme/api/pulls", new[]
        {
            PullRequest(3, T.AddDays(-2).AddHours(-3), T.AddDays(-1).AddHours(-1.9), T.AddDays(-1).AddHours(-2)),
            PullRequest(2, T.AddDays(-6), T.AddDays(-5), null),
            PullRequest(1, T.AddDays(-11), T.AddDays(-10).AddHours(-1.9), T.AddDays(-10).AddHours(-2), author: "dependabot[bot]", userType: "Bot"),
        }, r => r.WithParam("state", "closed").WithParam("sort", "updated").WithParam("direction", "desc").WithParam("page", "1"));
        Json(fake, "/repos/acme/api/pulls/3/commits", new[] { Commit("c3a", T.AddDays(-3)), Commit("c3b", T.AddDays(-2).AddHours(-5)) });
        Json(fake, "/repos/acme/api/pulls/1/commits", new[] { Commit("c1", T.AddDays(-12)) });
        Json(fake, "/repos/acme/api/deployments", new[]
        {
            Deployment(13, "m004", "production", T.AddMinutes(-30), production: true),
            Deployment(12, "m003", "production", T.AddDays(-1).AddHours(-1), production: true),
            Deployment(11, "m001", "production", T.AddDays(-10), production: true),
            Deployment(10, "m001", "staging", T.AddDays(-10).AddHours(-1), production: false),
        }, r => r.WithParam("page", "1"));
        Json(fake, "/repos/acme/api/deployments/13/statuses", new[] { Status(131, "in_progress", T.AddMinutes(-29)) });
        Json(fake, "/repos/acme/api/deployments/12/statuses", new[] { Status(122, "success", T.AddDays(-1).AddMinutes(-50)), Status(121, "in_progress", T.AddDays(-1).AddHours(-1)) });
        Json(fake, "/repos/acme/api/deployments/11/statuses", new[] { Status(111, "success", T.AddDays(-10).AddMinutes(5)) });
        Json(fake, "/repos/acme/api/deployments/10/statuses", new[] { Status(101, "success", T.AddDays(-10).AddMinutes(-58)) });
        Json(fake, "/repos/acme/api/compare/m001...m003", new { status = "ahead", ahead_by = 2, total_commits = 2, commits = new[] { new { sha = "m002" }, new { sha = "m003" } } });
    }

    [Fact]
    public async Task FullSync_ThenIncrementalSync_ThenAReRun()
    {
        FirstState();

        var first = await _harness.SyncAsync("gh");

        // Merged PRs 1 and 3 (2 was closed unmerged), deployments 10–13.
        Assert.Equal(6, first.Rows);
        var prs = (await _harness.RowsAsync("pull_requests")).OrderBy(r => r["id"].GetString(), StringComparer.Ordinal).ToList();
        Assert.Equal(["acme/api#1", "acme/api#3"], prs.Select(p => p["id"].GetString()));
        Assert.Equal("2026-02-27 12:00:00", prs[1]["first_commit_at"].GetString());
        Assert.Equal("m003", prs[1]["merge_commit_sha"].GetString());
        // The author's account type, which lead time reads to leave bots out.
        Assert.Equal(("dependabot[bot]", "Bot"), (prs[0]["author"].GetString(), prs[0]["author_type"].GetString()));
        Assert.Equal("User", prs[1]["author_type"].GetString());
        var deployments = (await _harness.RowsAsync("deployments")).ToDictionary(d => d["id"].GetString()!);
        Assert.Equal("api-svc", deployments["12"]["service"].GetString());
        Assert.Equal("success", deployments["12"]["status"].GetString());
        Assert.Equal("2026-03-01 11:10:00", deployments["12"]["finished_at"].GetString());
        Assert.Equal(["m002", "m003"], deployments["12"]["commits"].EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(1, deployments["12"]["production"].GetInt32());
        Assert.Equal("in_progress", deployments["13"]["status"].GetString());
        Assert.Empty(deployments["11"]["commits"].EnumerateArray());

        // An hour later: PR 4 merged, deployment 13 finished, deployment 14 done.
        _harness.Clock.Advance(TimeSpan.FromHours(1));
        _harness.Fake.Reset();
        _harness.ForgetRequests();
        EmptyTimelines(_harness.Fake);
        Json(_harness.Fake, "/repos/acme/api/pulls", new[]
        {
            PullRequest(4, T.AddMinutes(10), T.AddMinutes(31), T.AddMinutes(30)),
            PullRequest(3, T.AddDays(-2).AddHours(-3), T.AddDays(-1).AddHours(-1.9), T.AddDays(-1).AddHours(-2)),
            PullRequest(2, T.AddDays(-6), T.AddDays(-5), null),
        }, r => r.WithParam("page", "1"));
        Json(_harness.Fake, "/repos/acme/api/pulls/4/commits", new[] { Commit("c4", T) });
        Json(_harness.Fake, "/repos/acme/api/pulls/3/commits", new[] { Commit("c3a", T.AddDays(-3)) });
        Json(_harness.Fake, "/repos/acme/api/deployments", new[]
        {
            Deployment(14, "m005", "production", T.AddMinutes(40), production: true),
            Deployment(13, "m004", "production", T.AddMinutes(-30), production: true),
            Deployment(12, "m003", "production", T.AddDays(-1).AddHours(-1), production: true),
        }, r => r.WithParam("page", "1"));
        Json(_harness.Fake, "/repos/acme/api/deployments/14/statuses", new[] { Status(141, "success", T.AddMinutes(45)) });
        Json(_harness.Fake, "/repos/acme/api/deployments/13/statuses", new[] { Status(132, "success", T.AddMinutes(-20)), Status(131, "in_progress", T.AddMinutes(-29)) });
        Json(_harness.Fake, "/repos/acme/api/compare/m003...m004", new { commits = new[] { new { sha = "m004" } } });
        Json(_harness.Fake, "/repos/acme/api/compare/m004...m005", new { commits = new[] { new { sha = "m005" } } });

        var second = await _harness.SyncAsync("gh");

        // Only what changed was asked for: no statuses of 10–12, no commits of PR 1, compares from the cursor's SHAs.
        var paths = _harness.Fake.LogEntries.Select(e => e.RequestMessage.Path).ToList();
        Assert.DoesNotContain("/repos/acme/api/deployments/12/statuses", paths);
        Assert.DoesNotContain("/repos/acme/api/pulls/1/commits", paths);
        Assert.Contains("/repos/acme/api/deployments/13/statuses", paths);
        Assert.Contains("/repos/acme/api/compare/m003...m004", paths);
        Assert.Contains("/repos/acme/api/compare/m004...m005", paths);
        Assert.Equal(1, paths.Count(p => p == "/repos/acme/api/pulls"));
        Assert.True(second.Rows >= 3);
        deployments = (await _harness.RowsAsync("deployments")).ToDictionary(d => d["id"].GetString()!);
        Assert.Equal("success", deployments["13"]["status"].GetString());
        Assert.Equal(["m004"], deployments["13"]["commits"].EnumerateArray().Select(c => c.GetString()));

        // A re-run with nothing new writes nothing twice.
        var third = await _harness.SyncAsync("gh");
        Assert.Equal((await _harness.RowsAsync("deployments")).Count, (int)await _harness.PhysicalRowsAsync("deployments"));
        Assert.Equal(5, (await _harness.RowsAsync("deployments")).Count);
        Assert.Equal(3, (await _harness.RowsAsync("pull_requests")).Count);
        var state = await _harness.StateAsync("gh");
        Assert.Null(state!.LastError);
        Assert.Contains("acme/api", state.Cursor);
        Assert.True(third.Rows <= 2, $"the re-run rewrote only the boundary items, not {third.Rows}");
    }

    [Theory]
    [InlineData(403, "API rate limit exceeded for 203.0.113.1.", "0", null)]
    [InlineData(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", "4990", "90")]
    [InlineData(429, "Too many requests", "4990", "120")]
    public async Task RateLimitedSync_WaitsForTheReset_AndCompletes(int status, string message, string remaining, string? retryAfter)
    {
        FirstState();
        var reset = T.AddMinutes(10).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var limited = Response.Create().WithStatusCode(status)
            .WithHeader("Content-Type", "application/json")
            .WithHeader("x-ratelimit-remaining", remaining)
            .WithHeader("x-ratelimit-reset", reset)
            .WithBody(JsonSerializer.Serialize(new { message, documentation_url = "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting" }));
        if (retryAfter is not null)
        {
            limited = limited.WithHeader("retry-after", retryAfter);
        }

        _harness.Fake.Given(Request.Create().WithPath("/repos/acme/api/pulls").UsingGet())
            .AtPriority(1).InScenario("limit").WillSetStateTo("lifted").RespondWith(limited);

        // The limit's wait (the reset 10 minutes away, or retry-after's 90 or 120 s) on the clock: time
        // moves once that wait exists.
        var waiting = _harness.Clock.TimerCreatedAsync(delay => delay >= TimeSpan.FromSeconds(60));
        var sync = _harness.SyncAsync("gh");
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(sync.IsCompleted, "the sync must wait for the limit, not fail or go on");
        Assert.Single(_harness.Requests("/repos/acme/api/pulls"), e => e.RequestMessage.Path == "/repos/acme/api/pulls");

        _harness.Clock.Advance(TimeSpan.FromMinutes(11));
        var result = await sync.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(6, result.Rows);
        Assert.Equal(2, _harness.Requests("/repos/acme/api/pulls").Count(e => e.RequestMessage.Path == "/repos/acme/api/pulls"));
    }

    [Fact]
    public async Task ServerError_FailsTheRun_AndLeavesTheCursor()
    {
        FirstState();
        var before = await _harness.SyncAsync("gh");
        var cursor = (await _harness.StateAsync("gh"))!.Cursor;
        _harness.Fake.Given(Request.Create().WithPath("/repos/acme/api/deployments").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(HttpStatusCode.InternalServerError).WithBody("{\"message\":\"Server Error\"}"));
        _harness.Clock.Advance(TimeSpan.FromHours(1));

        await Assert.ThrowsAnyAsync<Exception>(() => _harness.SyncAsync("gh"));

        var state = await _harness.StateAsync("gh");
        Assert.Equal(cursor, state!.Cursor);
        Assert.Contains("500", state.LastError);
        Assert.Equal(1, state.ConsecutiveFailures);
        Assert.True(before.Rows > 0);
    }
}
