using System.Net.Http.Json;
using System.Text.Json;
using Insights.TestSupport;

namespace Insights.Server.Tests.Metrics;

/// <summary>
/// A pull request without a service of its own takes its repository's catalog service. When several
/// services share the repository (a monorepo) it takes the first of them by name, the same one every
/// time: the choice must not depend on which ClickHouse part the catalog rows were read from.
/// </summary>
public sealed class SharedRepositoryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task AChangeOfASharedRepository_BelongsToItsFirstServiceByName_EveryTime()
    {
        var prefix = $"mono{Guid.NewGuid():N}"[..14];
        var repository = $"{prefix}/mono";
        // Each service arrives in its own insert (its own part), the later name first.
        var services = new[] { (Name: $"{prefix}-zeta", Team: $"{prefix}-tz"), (Name: $"{prefix}-alpha", Team: $"{prefix}-ta"), (Name: $"{prefix}-mid", Team: $"{prefix}-tm") };
        foreach (var (name, team) in services)
        {
            await fixture.Server.PushAllAsync("services", new[] { new { name, team, repository } });
            await fixture.Server.FlushAsync();
        }

        // Every service deploys daily to production, so whichever service a change lands on ships it.
        var deployments = services.SelectMany(s => Enumerable.Range(0, 10).Select(day => new
        {
            id = $"{s.Name}-d{day}",
            service = s.Name,
            environment = "production",
            status = "success",
            started_at = IsoTime.Of(new DateTime(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc).AddDays(day)),
            finished_at = IsoTime.Of(new DateTime(2026, 3, 2, 12, 30, 0, DateTimeKind.Utc).AddDays(day)),
        }));
        // Four changes that name no service, one that names zeta's.
        var prs = Enumerable.Range(1, 5).Select(number => new
        {
            repository,
            number,
            author = "dev",
            created_at = IsoTime.Of(new DateTime(2026, 3, 3, 8, 0, 0, DateTimeKind.Utc).AddDays(number)),
            merged_at = IsoTime.Of(new DateTime(2026, 3, 3, 10, 0, 0, DateTimeKind.Utc).AddDays(number)),
            merge_commit_sha = $"{prefix}-c{number}",
            service = number == 5 ? services[0].Name : null,
        });
        await fixture.Server.PushAllAsync("deployments", deployments);
        await fixture.Server.PushAllAsync("pull-requests", prs);
        await fixture.Server.FlushAsync();

        for (var run = 0; run < 5; run++)
        {
            Assert.Equal(4, await LeadTimeSampleAsync($"team={services[1].Team}"));
            Assert.Equal(1, await LeadTimeSampleAsync($"team={services[0].Team}"));
            Assert.Equal(0, await LeadTimeSampleAsync($"team={services[2].Team}"));
            Assert.Equal(4, await LeadTimeSampleAsync($"service={services[1].Name}"));
        }
    }

    private async Task<int> LeadTimeSampleAsync(string filter)
    {
        var answer = await fixture.Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/lead-time?from=2026-03-02&to=2026-03-16&{filter}");
        return answer.GetProperty("summary").GetProperty("n").GetInt32();
    }
}
