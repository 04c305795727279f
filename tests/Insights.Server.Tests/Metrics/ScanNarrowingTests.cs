using System.Net.Http.Json;
using System.Text.Json;
using Insights.Domain.Metrics;
using Insights.TestSupport;
using Insights.Warehouse.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Insights.Server.Tests.Metrics;

/// <summary>
/// A team or service filter narrows the ClickHouse scans themselves (MetricFragments' scopes). That
/// must never change an answer: on random organisations where pull requests move between teams'
/// services, take their service from the repository, or share a repository, every filtered metric is
/// the same with the narrowing on and off — and the same when every team is answered in one question
/// (<see cref="MetricEngine.ComputeByTeamAsync"/>, which the weekly report uses).
/// </summary>
public sealed class ScanNarrowingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly DateTime Start = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    public static TheoryData<int> Seeds => new() { 11, 12, 13, 14 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task FilteredAnswers_AreTheSame_WithAndWithoutNarrowedScans(int seed)
    {
        var prefix = $"n{seed}{Guid.NewGuid():N}"[..12];
        var (teams, services) = await PushRandomOrganisationAsync(prefix, new Random(seed));
        var narrowed = Engine(narrow: true);
        var full = Engine(narrow: false);
        var filters = teams.Select(t => (Team: (string?)t, Service: (string?)null))
            .Append((null, null))
            .Append((null, services[1]))
            .Append((teams[0], services[0]))
            .Append((teams[0], services[^1]));

        foreach (var metric in MetricCatalog.All.Where(m => m != MetricCatalog.Nps))
        {
            foreach (var (team, service) in filters)
            {
                var query = new MetricQuery(metric, new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 2)) { Team = team, Service = service };
                var expected = JsonSerializer.Serialize(await full.ComputeAsync(query));
                var actual = JsonSerializer.Serialize(await narrowed.ComputeAsync(query));
                Assert.True(expected == actual, $"{metric.Name} team={team} service={service}:\n  full     {expected}\n  narrowed {actual}");
            }
        }

        // The comparison means something only if the filters select data.
        var leadTime = await full.ComputeAsync(new MetricQuery(MetricCatalog.LeadTime, new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 2)) { Team = teams[0] });
        Assert.True(leadTime.Summary.N > 0, "team 0 has no lead-time sample");
        var onboarding = await full.ComputeAsync(new MetricQuery(MetricCatalog.OnboardingTime, new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 2)));
        Assert.True(onboarding.Summary.N > 0, "no engineer of the cohort reached production");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task AnswersForEveryTeam_AreEachTeamsFilteredAnswer(int seed)
    {
        var prefix = $"g{seed}{Guid.NewGuid():N}"[..12];
        var (teams, services) = await PushRandomOrganisationAsync(prefix, new Random(seed));
        var engine = Engine(narrow: true);
        var asked = teams.Append($"{prefix}-no-data").ToList();
        var shapes = new List<MetricQuery>();
        foreach (var metric in MetricCatalog.All.Where(m => m != MetricCatalog.Nps))
        {
            shapes.Add(new MetricQuery(metric, new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 2)));
            shapes.Add(new MetricQuery(metric, new DateOnly(2026, 2, 2), new DateOnly(2026, 2, 9)) { Interval = Interval.Day });
            shapes.Add(new MetricQuery(metric, new DateOnly(2025, 12, 1), new DateOnly(2026, 4, 1)) { Interval = Interval.Month, Service = services[1] });
            if (metric.UsesDeployments)
            {
                shapes.Add(new MetricQuery(metric, new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 2)) { GoldenPath = true });
            }
        }

        foreach (var shape in shapes)
        {
            var everyTeam = await engine.ComputeByTeamAsync(shape);
            foreach (var team in asked)
            {
                var expected = JsonSerializer.Serialize(await engine.ComputeAsync(shape with { Team = team }));
                var actual = JsonSerializer.Serialize(everyTeam.For(team));
                Assert.True(expected == actual, $"{shape}:\n  filtered  {expected}\n  every team {actual}");
            }
        }

        // Both teams have data in the 8-week range, so the comparison is not between empty answers.
        var frequency = await engine.ComputeByTeamAsync(new MetricQuery(MetricCatalog.DeploymentFrequency, new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 2)));
        Assert.Contains(teams[0], frequency.TeamsWithData);
        Assert.Contains(teams[1], frequency.TeamsWithData);
        Assert.DoesNotContain($"{prefix}-no-data", frequency.TeamsWithData);
    }

    [Fact]
    public async Task EveryMetric_IsAnsweredForEveryTeamAtOnce_AndATeamFilterIsRefused()
    {
        // NPS is compared on its own survey data (NpsMetricTests).
        Assert.Empty(MetricCatalog.All.Where(m => !MetricEngine.GroupsByTeam(m)).Select(m => m.Name));
        var error = await Assert.ThrowsAsync<MetricQueryException>(() => Engine(narrow: true).ComputeByTeamAsync(
            new MetricQuery(MetricCatalog.LeadTime, new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 2)) { Team = "payments" }));
        Assert.Equal("team", error.Parameter);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task GoldenPathAndOtherAtOnce_AreTheGoldenPathFilteredAnswers(int seed)
    {
        var prefix = $"p{seed}{Guid.NewGuid():N}"[..12];
        var (teams, services) = await PushRandomOrganisationAsync(prefix, new Random(seed));
        var engine = Engine(narrow: true);
        var split = 0;
        foreach (var metric in MetricCatalog.FourKeys)
        {
            var shapes = new[]
            {
                new MetricQuery(metric, new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 2)),
                new MetricQuery(metric, new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 2)) { Team = teams[0], Benchmark = "dora-2023" },
                new MetricQuery(metric, new DateOnly(2026, 2, 2), new DateOnly(2026, 2, 9)) { Interval = Interval.Day, Team = teams[1] },
                new MetricQuery(metric, new DateOnly(2025, 12, 1), new DateOnly(2026, 4, 1)) { Interval = Interval.Month, Service = services[1] },
            };
            foreach (var shape in shapes)
            {
                var both = await engine.ComputeByGoldenPathAsync(shape);
                var golden = await engine.ComputeAsync(shape with { GoldenPath = true });
                var other = await engine.ComputeAsync(shape with { GoldenPath = false });
                Assert.Equal(JsonSerializer.Serialize(golden), JsonSerializer.Serialize(both.GoldenPath));
                Assert.Equal(JsonSerializer.Serialize(other), JsonSerializer.Serialize(both.Other));
                split += golden.Summary.N > 0 && other.Summary.N > 0 ? 1 : 0;
            }
        }

        // The comparison means something only if both halves hold data.
        Assert.True(split >= 4, $"{split} questions had data on both sides");
    }

    [Fact]
    public async Task TheFourKeys_SplitByGoldenPath_AndAGoldenPathFilterIsRefused()
    {
        Assert.Equal(MetricCatalog.FourKeys.Select(m => m.Name), MetricCatalog.All.Where(MetricEngine.GroupsByGoldenPath).Select(m => m.Name));
        var filtered = await Assert.ThrowsAsync<MetricQueryException>(() => Engine(narrow: true).ComputeByGoldenPathAsync(
            new MetricQuery(MetricCatalog.LeadTime, new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 2)) { GoldenPath = true }));
        var unsplit = await Assert.ThrowsAsync<MetricQueryException>(() => Engine(narrow: true).ComputeByGoldenPathAsync(
            new MetricQuery(MetricCatalog.AdoptionRate, new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 2))));
        Assert.Equal("golden_path", filtered.Parameter);
        Assert.Equal("metric", unsplit.Parameter);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task ImpactOfManyTeams_IsEachTeamsOwnImpact(int seed)
    {
        // Teams that adopted the platform on the same day are asked together; a team alone on its day,
        // a team that never adopted and an unknown team are asked on their own.
        var prefix = $"i{seed}{Guid.NewGuid():N}"[..12];
        var (teams, _) = await PushRandomOrganisationAsync(prefix, new Random(seed));
        var (other, _) = await PushRandomOrganisationAsync(prefix + "o", new Random(seed + 100));
        var engine = Engine(narrow: true);
        var options = new MetricsOptions
        {
            AdoptionDates = new Dictionary<string, DateOnly>
            {
                [teams[0]] = new(2026, 2, 2),
                [teams[1]] = new(2026, 2, 2),
                [other[0]] = new(2026, 2, 2),
                [other[1]] = new(2026, 1, 26),
                [$"{prefix}-no-data"] = new(2026, 2, 2),
            },
        };
        var impact = new ImpactService(engine, new CatalogQueries(fixture.Server.ClickHouse, new FixedMetricsOptions(options), TimeProvider.System));
        var asked = new List<string> { teams[0], other[1], $"{prefix}-no-data", teams[1], other[0], $"{prefix}-unknown" };
        var today = new DateOnly(2026, 2, 20);

        var together = await impact.TeamsAsync(asked, 3, "dora-2023", today);

        Assert.Equal(asked, together.Select(t => t.Team));
        foreach (var (team, answer) in asked.Zip(together))
        {
            var alone = await impact.TeamAsync(team, 3, "dora-2023", today);
            Assert.Equal(JsonSerializer.Serialize(alone), JsonSerializer.Serialize(answer));
        }

        // The comparison means something only if the shared day's windows hold data.
        Assert.Contains(together.Take(1), t => t.Before!.Metrics.Values.Any(v => v.N > 0) && t.After!.Metrics.Values.Any(v => v.N > 0));
        Assert.Null(together[^1].AdoptedOn);
    }

    private MetricEngine Engine(bool narrow)
    {
        var current = fixture.Server.Services.GetRequiredService<IOptionsMonitor<MetricsOptions>>().CurrentValue;
        var options = new MetricsOptions
        {
            ProductionEnvironments = current.ProductionEnvironments,
            GoldenPathPipelines = current.GoldenPathPipelines,
            NarrowScansByScope = narrow,
        };
        return new MetricEngine(fixture.Server.ClickHouse, new FixedMetricsOptions(options), TimeProvider.System);
    }

    private async Task<(List<string> Teams, List<string> Services)> PushRandomOrganisationAsync(string prefix, Random random)
    {
        DateTime Any() => Start.AddMinutes(random.Next(0, 60 * 24 * 56));

        var teams = new List<string> { $"{prefix}-ta", $"{prefix}-tb" };
        var services = Enumerable.Range(0, 4).Select(i => $"{prefix}-s{i}").ToList();
        // s0 and s1 share a repository (a monorepo); s3 has none in the catalog.
        var repositories = new[] { $"{prefix}/mono", $"{prefix}/mono", $"{prefix}/s2", "" };
        var catalog = services.Select((s, i) => new { name = s, team = teams[i % 2], repository = repositories[i] }).ToList();

        var shas = Enumerable.Range(0, 80).Select(i => $"{prefix}-c{i}").ToList();
        var ids = new List<string>();
        var deployments = new List<object>();
        for (var i = 0; i < random.Next(60, 120); i++)
        {
            var finished = Any();
            var id = $"{prefix}-d{i}";
            ids.Add(id);
            deployments.Add(new
            {
                id,
                service = services[random.Next(services.Count)],
                environment = random.Next(5) == 0 ? "staging" : "production",
                status = new[] { "success", "success", "success", "failure" }[random.Next(4)],
                started_at = IsoTime.Of(finished.AddMinutes(-random.Next(1, 90))),
                finished_at = IsoTime.Of(finished),
                // Some services list the commits they ship, the others are attributed by time.
                commits = random.Next(2) == 0 ? Enumerable.Range(0, random.Next(1, 4)).Select(_ => shas[random.Next(shas.Count)]).ToArray() : [],
                pipeline = random.Next(2) == 0 ? "gp/x" : "other",
                golden_path = random.Next(3) == 0,
                rollback_of = random.Next(8) == 0 && ids.Count > 1 ? ids[random.Next(ids.Count - 1)] : null,
            });
        }

        var incidents = Enumerable.Range(0, random.Next(5, 25)).Select(i =>
        {
            var started = Any();
            return new
            {
                id = $"{prefix}-i{i}",
                service = services[random.Next(services.Count)],
                title = "t",
                started_at = IsoTime.Of(started),
                resolved_at = random.Next(5) == 0 ? null : IsoTime.Of(started.AddMinutes(random.Next(5, 60 * 30))),
                deployment_id = random.Next(3) == 0 ? ids[random.Next(ids.Count)] : null,
                change_related = random.Next(4) != 0,
            };
        }).ToList();

        // Engineers (onboarding's cohort narrows the scans): most start inside the range, some before it;
        // pull requests name them by GitHub login in any case, by id, or name someone else.
        var engineers = Enumerable.Range(0, 14).Select(i => new
        {
            id = $"{prefix}-e{i}@x.example",
            start_date = DateOnly.FromDateTime(Start).AddDays(random.Next(-30, 50)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            team = teams[random.Next(teams.Count)],
            github_login = random.Next(4) == 0 ? null : $"{prefix}-GH{i}",
        }).ToList();
        string Author() => random.Next(5) switch
        {
            0 => "someone",
            1 => engineers[random.Next(engineers.Count)].id,
            2 => engineers[random.Next(engineers.Count)].github_login?.ToUpperInvariant() ?? "nobody",
            _ => engineers[random.Next(engineers.Count)].github_login ?? "nobody",
        };

        var prs = Enumerable.Range(0, random.Next(40, 80)).Select(i =>
        {
            var created = Any().AddDays(-3);
            var merged = created.AddMinutes(random.Next(10, 60 * 48));
            var repository = random.Next(3) == 0 ? $"{prefix}/other" : repositories[random.Next(3)];
            return new PullRequest(repository, i + 1, IsoTime.Of(created), IsoTime.Of(merged), shas[random.Next(shas.Count)],
                random.Next(3) == 0 ? null : services[random.Next(services.Count)], Author());
        }).ToList();
        // A later copy moves some pull requests to another service (and so, often, another team),
        // or drops their own service so that their repository's catalog service applies, or names
        // another author.
        var moved = prs.Where(_ => random.Next(3) == 0)
            .Select(pr => pr with
            {
                Service = random.Next(3) == 0 ? null : services[random.Next(services.Count)],
                Author = random.Next(2) == 0 ? Author() : pr.Author,
            })
            .ToList();

        await Push("services", catalog);
        await Push("engineers", engineers);
        await Push("deployments", deployments);
        await Push("incidents", incidents);
        await Push("pull-requests", prs.Select(Shape));
        await fixture.Server.FlushAsync();
        await Push("pull-requests", moved.Select(Shape));
        await fixture.Server.FlushAsync();
        return (teams, services);

        object Shape(PullRequest pr) => new
        {
            repository = pr.Repository,
            number = pr.Number,
            author = pr.Author,
            created_at = pr.CreatedAt,
            merged_at = pr.MergedAt,
            merge_commit_sha = pr.Sha,
            service = pr.Service,
        };

        async Task Push<T>(string route, IEnumerable<T> items)
        {
            var response = await fixture.Server.Client.PostAsJsonAsync($"/api/v1/{route}", items.ToList());
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    private sealed record PullRequest(string Repository, int Number, string CreatedAt, string MergedAt, string Sha, string? Service, string Author);
}
