using System.Net.Http.Json;
using System.Text.Json;
using Insights.Ingest.GitHub;
using Insights.Ingest.Tests.Connectors;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static Insights.Ingest.Tests.GitHub.GitHubFake;

namespace Insights.Ingest.Tests.GitHub;

/// <summary>
/// Reviews, drafts and labels of merged changes; a failing repository among several; a change whose
/// details cannot be read, quarantined and read again; the one deployment-status rule.
/// </summary>
public sealed class GitHubRepositoryTests
{
    private static readonly DateTimeOffset T = ConnectorHarness.Start;

    private static Task<ConnectorHarness> StartAsync(params string[] repositories) => ConnectorHarness.StartAsync(url =>
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sources:GitHub:0:Name"] = "gh",
            ["Sources:GitHub:0:BaseUrl"] = url + "/",
            ["Sources:GitHub:0:TokenEnv"] = "TEST_TOKEN",
        };
        for (var i = 0; i < repositories.Length; i++)
        {
            settings[$"Sources:GitHub:0:Repositories:{i}"] = repositories[i];
        }

        return settings;
    });

    /// <summary>A timeline entry of GitHub's issue-event kind (ready_for_review, labeled, convert_to_draft…).</summary>
    private static object Event(string kind, DateTimeOffset at, string actor = "octocat") => new
    {
        id = at.ToUnixTimeSeconds(),
        node_id = "RFRE_kwDOA",
        url = $"https://api.github.com/repos/acme/api/issues/events/{at.ToUnixTimeSeconds()}",
        actor = new { login = actor, id = 1, type = "User" },
        @event = kind,
        commit_id = (string?)null,
        commit_url = (string?)null,
        created_at = Iso(at),
        performed_via_github_app = (object?)null,
    };

    /// <summary>A timeline entry for a submitted review (it carries submitted_at, not created_at).</summary>
    private static object Review(string reviewer, string state, DateTimeOffset at, string type = "User") => new
    {
        id = 80 + at.ToUnixTimeSeconds() % 1000,
        node_id = "PRR_kwDOA",
        user = new { login = reviewer, id = 2, type },
        body = "Looks good.",
        commit_id = "ecdd80bb57125d7ba9641ffaa4d7d2c19d3f3091",
        submitted_at = Iso(at),
        state,
        html_url = "https://github.com/acme/api/pull/7#pullrequestreview-80",
        pull_request_url = "https://api.github.com/repos/acme/api/pulls/7",
        author_association = "MEMBER",
        @event = "reviewed",
    };

    /// <summary>A commit as the timeline lists it: no created_at, no actor.</summary>
    private static object Committed(DateTimeOffset at) => new
    {
        sha = "7638417db6d59f3c431d3e1f261cc637155684cd",
        node_id = "C_kwDOA",
        url = "https://api.github.com/repos/acme/api/git/commits/7638417db6d59f3c431d3e1f261cc637155684cd",
        author = new { name = "Octo Cat", email = "octo@example.com", date = Iso(at) },
        committer = new { name = "Octo Cat", email = "octo@example.com", date = Iso(at) },
        message = "Fix the checkout total",
        @event = "committed",
    };

    private static object WithLabels(object pr, params string[] labels)
    {
        var node = JsonSerializer.SerializeToNode(pr)!.AsObject();
        node["labels"] = JsonSerializer.SerializeToNode(labels.Select((l, i) => new { id = 200 + i, node_id = "LA_kw", url = $"https://api.github.com/repos/acme/api/labels/{l}", name = l, color = "0366d6", @default = false, description = "" }).ToArray());
        return node;
    }

    [Fact]
    public async Task MergedChanges_CarryTheirFirstReview_TheirReadyForReviewTime_AndTheirLabels()
    {
        await using var harness = await StartAsync("acme/api");
        var fake = harness.Fake;
        var opened = T.AddDays(-3);
        Json(fake, "/repos/acme/api/pulls", new[]
        {
            WithLabels(PullRequest(7, opened, T.AddDays(-1), T.AddDays(-1).AddHours(-1)), "dependencies", "backend"),
            PullRequest(8, opened.AddHours(1), T.AddDays(-1), T.AddDays(-1).AddHours(-2)),
        }, r => r.WithParam("page", "1"));
        Json(fake, "/repos/acme/api/pulls/7/commits", new[] { Commit("c7", opened.AddHours(-5)) });
        Json(fake, "/repos/acme/api/pulls/8/commits", new[] { Commit("c8", opened) });
        // 7 was opened as a draft; a bot and the author commented before a colleague reviewed it.
        Json(fake, "/repos/acme/api/issues/7/timeline", new object[]
        {
            Committed(opened.AddHours(-5)),
            Event("labeled", opened.AddMinutes(1)),
            Review("renovate[bot]", "commented", opened.AddHours(1), type: "Bot"),
            Event("ready_for_review", opened.AddHours(2)),
            Review("octocat", "commented", opened.AddHours(3)),
            Event("convert_to_draft", opened.AddHours(4)),
            Event("ready_for_review", opened.AddHours(5)),
            Review("hubot", "changes_requested", opened.AddHours(6)),
            Review("monalisa", "approved", opened.AddHours(8)),
        });
        // 8 was never a draft and was merged without a review.
        Json(fake, "/repos/acme/api/issues/8/timeline", new object[] { Committed(opened), Event("labeled", opened.AddHours(1).AddMinutes(1)) });
        Json(fake, "/repos/acme/api/deployments", Array.Empty<object>());

        await harness.SyncAsync("gh");

        var prs = (await harness.RowsAsync("pull_requests")).ToDictionary(p => p["id"].GetString()!);
        Assert.Equal("2026-02-27 14:00:00", prs["acme/api#7"]["ready_for_review_at"].GetString());
        Assert.Equal("2026-02-27 18:00:00", prs["acme/api#7"]["first_review_at"].GetString());
        Assert.Equal(["dependencies", "backend"], prs["acme/api#7"]["labels"].EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(JsonValueKind.Null, prs["acme/api#8"]["ready_for_review_at"].ValueKind);
        Assert.Equal(JsonValueKind.Null, prs["acme/api#8"]["first_review_at"].ValueKind);
        Assert.Empty(prs["acme/api#8"]["labels"].EnumerateArray());

        // Idempotent: a re-run reads nothing new and writes nothing twice.
        await harness.SyncAsync("gh");
        Assert.Equal(2, (int)await harness.PhysicalRowsAsync("pull_requests"));
    }

    [Fact]
    public async Task AFailingRepository_RecordsItsOwnError_AndTheOthersStillSync()
    {
        await using var harness = await StartAsync("acme/legacy", "acme/api");
        EmptyTimelines(harness.Fake);
        Json(harness.Fake, "/repos/acme/legacy/pulls", new { message = "Repository access blocked", documentation_url = "https://docs.github.com/rest" }, status: 451);
        Json(harness.Fake, "/repos/acme/api/pulls", new[] { PullRequest(3, T.AddDays(-2), T.AddDays(-1), T.AddDays(-1).AddHours(-1)) });
        Json(harness.Fake, "/repos/acme/api/pulls/3/commits", new[] { Commit("c3", T.AddDays(-3)) });
        Json(harness.Fake, "/repos/acme/api/deployments", new[] { Deployment(12, "m003", "production", T.AddHours(-2), production: true) });
        Json(harness.Fake, "/repos/acme/api/deployments/12/statuses", new[] { Status(121, "success", T.AddHours(-1)) });

        var result = await harness.SyncAsync("gh");

        Assert.Equal(2, result.Rows);
        var status = await harness.Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/connectors/gh");
        Assert.Equal(JsonValueKind.Null, status.GetProperty("last_error").ValueKind);
        var failing = Assert.Single(status.GetProperty("failing_parts").EnumerateArray());
        Assert.Equal("acme/legacy", failing.GetProperty("part").GetString());
        Assert.Equal("GitHub answered 451 UnavailableForLegalReasons: Repository access blocked", failing.GetProperty("error").GetString());
        var cursor = JsonDocument.Parse(status.GetProperty("cursor").GetString()!).RootElement.GetProperty("Repositories");
        Assert.Equal("2026-03-02T10:00:00+00:00", cursor.GetProperty("acme/api").GetProperty("DeploymentsSince").GetString());
        // The failing repository keeps the watermarks of a first sync: nothing it holds is skipped later.
        Assert.Equal("2025-12-02T12:00:00+00:00", cursor.GetProperty("acme/legacy").GetProperty("PullsSince").GetString());
    }

    [Fact]
    public async Task AChangeWhoseDetailsFail_IsQuarantined_ThenReadAgainByNumber()
    {
        await using var harness = await StartAsync("acme/api");
        var fake = harness.Fake;
        EmptyTimelines(fake);
        Json(fake, "/repos/acme/api/pulls", new[] { PullRequest(5, T.AddDays(-2), T.AddDays(-1), T.AddDays(-1).AddHours(-1)), PullRequest(6, T.AddDays(-2), T.AddDays(-1), T.AddDays(-1).AddHours(-2)) }, r => r.WithParam("page", "1"));
        Json(fake, "/repos/acme/api/pulls/6/commits", new[] { Commit("c6", T.AddDays(-3)) });
        // GitHub gives up on a huge change's commits.
        fake.Given(Request.Create().WithPath("/repos/acme/api/pulls/5/commits").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "application/json").WithBody("{\"message\":\"Server Error\"}"));
        Json(fake, "/repos/acme/api/deployments", Array.Empty<object>());

        var first = await harness.SyncAsync("gh");

        Assert.Equal(1, first.Rows);
        var status = await harness.Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/connectors/gh");
        var held = Assert.Single(status.GetProperty("quarantine").EnumerateArray());
        Assert.Equal("pull-requests", held.GetProperty("kind").GetString());
        Assert.Equal("acme/api/pulls/5", held.GetProperty("key").GetString());
        Assert.Equal("commits", held.GetProperty("field").GetString());
        Assert.Equal("GitHub answered 500 InternalServerError: Server Error", held.GetProperty("reason").GetString());
        Assert.Contains("\"title\":\"Change 5\"", held.GetProperty("raw").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("last_error").ValueKind);

        // GitHub answers again; nothing new was merged. The change is read by its number and leaves the quarantine.
        fake.Reset();
        EmptyTimelines(fake);
        Json(fake, "/repos/acme/api/pulls", Array.Empty<object>());
        Json(fake, "/repos/acme/api/pulls/5", PullRequest(5, T.AddDays(-2), T.AddDays(-1), T.AddDays(-1).AddHours(-1)));
        Json(fake, "/repos/acme/api/pulls/5/commits", new[] { Commit("c5", T.AddDays(-4)) });
        Json(fake, "/repos/acme/api/deployments", Array.Empty<object>());
        harness.Clock.Advance(TimeSpan.FromHours(1));

        await harness.SyncAsync("gh");

        var prs = (await harness.RowsAsync("pull_requests")).ToDictionary(p => p["id"].GetString()!);
        Assert.Equal("2026-02-26 12:00:00", prs["acme/api#5"]["first_commit_at"].GetString());
        status = await harness.Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/connectors/gh");
        Assert.Equal(0, status.GetProperty("quarantined").GetInt32());
        Assert.Empty(status.GetProperty("quarantine").EnumerateArray());
    }

    [Fact]
    public void DeploymentStatuses_OneRule_ForTheWholeListAndForEachDelivery()
    {
        var at = T.AddHours(-1);
        GitHubDeploymentStatus S(long id, string state, int minutes) => new() { Id = id, State = state, CreatedAt = at.AddMinutes(minutes) };

        // A success stands over a later failure; a failure over a later running state; then the later status.
        Assert.Equal(("success", at.AddMinutes(5).UtcDateTime), Pick([S(1, "in_progress", 0), S(2, "success", 5), S(3, "failure", 9)]));
        Assert.Equal(("failure", at.AddMinutes(5).UtcDateTime), Pick([S(1, "queued", 0), S(2, "error", 5), S(3, "pending", 9)]));
        Assert.Equal(("success", at.AddMinutes(9).UtcDateTime), Pick([S(1, "success", 5), S(2, "success", 9)]));
        Assert.Equal(("in_progress", (DateTime?)null), Pick([]));
        Assert.Null(GitHubMapper.Outcome([S(1, "inactive", 0)]));

        // The list's answer is the delivery that ranks highest, whatever order they came in.
        var statuses = new[] { S(1, "pending", 0), S(2, "failure", 3), S(3, "success", 4), S(4, "in_progress", 6) };
        var highest = statuses.Select(s => GitHubMapper.Outcome(s.State, s.CreatedAt, s.Id)!).MaxBy(o => (o.Order.Rank, o.Order.OccurredAt, o.Order.Sequence))!;
        Assert.Equal(GitHubMapper.Outcome(statuses), highest);

        static (string, DateTime?) Pick(GitHubDeploymentStatus[] statuses) => GitHubMapper.Outcome(statuses) is { } o ? (o.Status, o.FinishedAt) : default;
    }
}
