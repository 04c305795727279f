using System.Net.Http.Json;
using System.Text.Json;
using Insights.TestSupport;

namespace Insights.Server.Tests.Metrics;

/// <summary>
/// Properties that must hold whatever the data: rates stay within [0, 100], durations are never
/// negative, and p50 ≤ p75 ≤ p90. Each case is a random organisation (seeded, so a failure replays)
/// with overlapping incidents, stray rollbacks, links to unknown deployments, commits shipped twice,
/// clocks that disagree (a commit after its PR opened, a deployment before its merge), and so on.
/// </summary>
[Trait("Warehouse", "Both")]
public sealed class MetricInvariantTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string[] Rates = ["change-failure-rate", "rework-rate", "adoption-rate"];
    private static readonly string[] Durations = ["lead-time", "recovery-time", "incident-restore-time", "onboarding-time", "provisioning-time"];
    private static readonly DateTime Start = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4, 5, 6, 7, 8 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task RatesStayWithinBounds_AndDurationsAreNeverNegative(int seed)
    {
        var team = $"prop{seed}_{Guid.NewGuid():N}"[..16];
        await PushRandomOrganisationAsync(team, new Random(seed));

        foreach (var metric in Rates.Concat(Durations).Append("deployment-frequency"))
        {
            foreach (var interval in new[] { "week", "day" })
            {
                var result = await fixture.Server.Client.GetFromJsonAsync<JsonElement>(
                    $"/api/v1/metrics/{metric}?from=2026-01-05&to=2026-03-02&team={team}&interval={interval}");
                var points = result.GetProperty("series").EnumerateArray().Append(result.GetProperty("summary")).ToList();
                foreach (var point in points)
                {
                    var value = Number(point, "value");
                    if (Rates.Contains(metric))
                    {
                        Assert.InRange(value ?? 0, 0, 100);
                    }

                    if (Durations.Contains(metric))
                    {
                        var p50 = Number(point, "p50");
                        var p75 = Number(point, "p75");
                        var p90 = Number(point, "p90");
                        Assert.True((value ?? 0) >= 0 && (p50 ?? 0) >= 0, $"{metric} seed {seed}: {point}");
                        Assert.True(p50 is null || (p50 <= p75 && p75 <= p90), $"{metric} seed {seed}: {point}");
                    }

                    Assert.True((Number(point, "n") ?? 0) >= 0);
                }

                foreach (var part in result.GetProperty("breakdown").EnumerateObject())
                {
                    Assert.True(part.Value.ValueKind != JsonValueKind.Number || part.Value.GetDouble() >= 0, $"{metric} seed {seed}: {part}");
                }
            }
        }
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private async Task PushRandomOrganisationAsync(string team, Random random)
    {
        var services = Enumerable.Range(0, random.Next(1, 4)).Select(i => $"{team}-s{i}").ToList();
        DateTime Any() => Start.AddMinutes(random.Next(0, 60 * 24 * 60));

        var shas = Enumerable.Range(0, 60).Select(i => $"{team}-c{i}").ToList();
        var deployments = new List<object>();
        var ids = new List<string>();
        for (var i = 0; i < random.Next(20, 80); i++)
        {
            var id = $"{team}-d{i}";
            var finished = Any();
            ids.Add(id);
            deployments.Add(new
            {
                id,
                service = services[random.Next(services.Count)],
                environment = random.Next(4) == 0 ? "staging" : "production",
                status = new[] { "success", "success", "success", "failure", "cancelled" }[random.Next(5)],
                started_at = IsoTime.Of(finished.AddMinutes(-random.Next(0, 600))),
                finished_at = IsoTime.Of(finished),
                commits = Enumerable.Range(0, random.Next(0, 4)).Select(_ => shas[random.Next(shas.Count)]).ToArray(),
                pipeline = random.Next(2) == 0 ? "gp/x" : "other",
                golden_path = random.Next(3) == 0,
                rollback_of = random.Next(6) == 0 && ids.Count > 1 ? ids[random.Next(ids.Count - 1)] : null,
                hotfix = random.Next(8) == 0,
            });
        }

        var incidents = Enumerable.Range(0, random.Next(0, 30)).Select(i =>
        {
            var started = Any();
            return new
            {
                id = $"{team}-i{i}",
                service = services[random.Next(services.Count)],
                title = "t",
                started_at = IsoTime.Of(started),
                resolved_at = random.Next(5) == 0 ? null : IsoTime.Of(started.AddMinutes(random.Next(0, 60 * 72))),
                deployment_id = random.Next(3) == 0 ? (random.Next(4) == 0 ? "unknown" : ids[random.Next(ids.Count)]) : null,
                change_related = random.Next(4) != 0,
            };
        }).ToList();

        var prs = Enumerable.Range(0, random.Next(10, 60)).Select(i =>
        {
            var created = Any();
            var merged = random.Next(6) == 0 ? (DateTime?)null : created.AddMinutes(random.Next(0, 60 * 48));
            return new
            {
                repository = $"{team}/repo",
                number = i + 1,
                author = random.Next(2) == 0 ? $"{team}-dev{random.Next(6)}" : "someone",
                created_at = IsoTime.Of(created),
                // A first commit may postdate the PR's creation (force-pushed branches): coding time is then 0, never negative.
                first_commit_at = merged is null ? null : IsoTime.Of(Min(created.AddMinutes(random.Next(-600, 60 * 12)), merged.Value)),
                merged_at = merged is null ? null : IsoTime.Of(merged.Value),
                merge_commit_sha = merged is null ? null : shas[random.Next(shas.Count)],
                service = services[random.Next(services.Count)],
            };
        }).ToList();

        var engineers = Enumerable.Range(0, random.Next(0, 12)).Select(i => new
        {
            id = $"{team}-dev{i}@x.example",
            start_date = Start.AddDays(random.Next(0, 50)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            team,
            github_login = $"{team}-dev{i}",
        }).ToList();

        var requests = Enumerable.Range(0, random.Next(0, 20)).Select(i =>
        {
            var requested = Any();
            return new
            {
                id = $"{team}-r{i}",
                resource_type = "db",
                requested_at = IsoTime.Of(requested),
                channel = random.Next(2) == 0 ? "ticket" : "self_service",
                team,
                ready_at = random.Next(4) == 0 ? null : IsoTime.Of(requested.AddMinutes(random.Next(0, 60 * 100))),
            };
        }).ToList();

        await Push("services", services.Select(s => new { name = s, team }));
        await Push("deployments", deployments);
        await Push("incidents", incidents);
        await Push("pull-requests", prs);
        await Push("engineers", engineers);
        await Push("provisioning-requests", requests);
        await fixture.Server.FlushAsync();

        async Task Push<T>(string route, IEnumerable<T> items)
        {
            var response = await fixture.Server.Client.PostAsJsonAsync($"/api/v1/{route}", items.ToList());
            Assert.True(response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        }
    }
}
