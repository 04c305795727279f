using System.Net.Http.Json;
using System.Text.Json;
using Insights.TestSupport;

namespace Insights.Server.Tests.Metrics;

/// <summary>
/// Onboarding matches a pull request's author to engineers by GitHub login or id. A login that two
/// engineers share (a reused account, an HR system with two records) counts for both, every time —
/// never for whichever of them the join happened to meet first; a change merged before the start date
/// does not count at all.
/// </summary>
public sealed class OnboardingAuthorTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task ALoginThatTwoEngineersShare_CountsForBoth()
    {
        var prefix = $"onb{Guid.NewGuid():N}"[..13];
        var team = $"{prefix}-team";
        var service = $"{prefix}-svc";
        // Six engineers start on Monday 2 March (a group large enough to be shown); the first two share a login.
        var logins = new[] { $"{prefix}-Twin", $"{prefix}-twin", $"{prefix}-c", $"{prefix}-d", $"{prefix}-e", $"{prefix}-f" };
        var engineers = logins.Select((login, i) => new { id = $"{prefix}-e{i}@x.example", start_date = "2026-03-02", team, github_login = login });
        // One change per distinct login, merged at 10:00 on 3 March and shipped by that day's 12:30 deployment.
        var prs = logins.Skip(1).Select((login, i) => new
        {
            repository = $"{prefix}/repo",
            number = i + 1,
            author = login.ToUpperInvariant(),
            created_at = "2026-03-03T08:00:00Z",
            merged_at = "2026-03-03T10:00:00Z",
            merge_commit_sha = $"{prefix}-c{i}",
            service,
        });

        await PushTeamAsync(prefix, team, service, engineers, prs, deploymentDays: 10);

        for (var run = 0; run < 3; run++)
        {
            var answer = await fixture.Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/onboarding-time?from=2026-03-01&to=2026-04-01&interval=month&team={team}");
            var summary = answer.GetProperty("summary");
            Assert.Equal(6, summary.GetProperty("engineers").GetInt32());
            Assert.Equal(6, summary.GetProperty("n").GetInt32());
            Assert.Equal(0, summary.GetProperty("pending").GetInt32());
            // 2 March 00:00 → 3 March 12:30 = 1.52 days for everyone.
            Assert.Equal(1.52, summary.GetProperty("p90").GetDouble());
        }
    }

    [Fact]
    public async Task APullRequestMergedBeforeTheStartDate_IsNotOnboarding_WhereverTheRangeBegins()
    {
        var prefix = $"onb{Guid.NewGuid():N}"[..13];
        var team = $"{prefix}-team";
        var service = $"{prefix}-svc";
        // Five engineers start on Monday 9 March; each merged a change on 3 March under the same login
        // (before joining) and another on 11 March. Deployments ship every day at 12:30.
        var engineers = Enumerable.Range(0, 5).Select(i => new { id = $"{prefix}-e{i}@x.example", start_date = "2026-03-09", team, github_login = $"{prefix}-gh{i}" }).ToList();
        var prs = engineers.SelectMany((e, i) => new[] { (Day: 3, Number: 2 * i + 1), (Day: 11, Number: 2 * i + 2) }.Select(pr => new
        {
            repository = $"{prefix}/repo",
            number = pr.Number,
            author = e.github_login,
            created_at = $"2026-03-{pr.Day:00}T08:00:00Z",
            merged_at = $"2026-03-{pr.Day:00}T10:00:00Z",
            merge_commit_sha = $"{prefix}-c{pr.Number}",
            service,
        }));

        await PushTeamAsync(prefix, team, service, engineers, prs, deploymentDays: 14);

        foreach (var from in new[] { "2026-03-01", "2026-03-09" })
        {
            var summary = (await fixture.Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/onboarding-time?from={from}&to=2026-04-01&interval=month&team={team}")).GetProperty("summary");
            Assert.Equal(5, summary.GetProperty("n").GetInt32());
            // 9 March 00:00 → 11 March 12:30 = 2.52 days for everyone, not 0 (the 3 March change).
            Assert.Equal(2.52, summary.GetProperty("value").GetDouble());
        }
    }

    /// <summary>The team's service (repository prefix/repo), its engineers and pull requests, and one production
    /// deployment a day from 1 March, finished at 12:30; then written into ClickHouse.</summary>
    private async Task PushTeamAsync<TEngineer, TPullRequest>(string prefix, string team, string service, IEnumerable<TEngineer> engineers, IEnumerable<TPullRequest> prs, int deploymentDays)
    {
        await fixture.Server.PushAllAsync("services", new[] { new { name = service, team, repository = $"{prefix}/repo" } });
        await fixture.Server.PushAllAsync("engineers", engineers);
        await fixture.Server.PushAllAsync("deployments", Enumerable.Range(0, deploymentDays).Select(day => new
        {
            id = $"{prefix}-d{day}",
            service,
            environment = "production",
            status = "success",
            started_at = IsoTime.Of(new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc).AddDays(day)),
            finished_at = IsoTime.Of(new DateTime(2026, 3, 1, 12, 30, 0, DateTimeKind.Utc).AddDays(day)),
        }));
        await fixture.Server.PushAllAsync("pull-requests", prs);
        await fixture.Server.FlushAsync();
    }
}
