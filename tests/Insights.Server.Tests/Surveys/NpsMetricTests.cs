using System.Net.Http.Json;
using System.Text.Json;
using Insights.Domain.Surveys;
using Insights.TestSupport;
using Insights.Domain.Metrics;
using Insights.Warehouse.Metrics;
using Insights.Warehouse.Surveys;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Server.Tests.Surveys;

/// <summary>
/// The NPS metric on hand-computed examples, through the survey write path into ClickHouse and back
/// through the HTTP API: exact NPS and margin of error, the latest answer per respondent, suppression
/// below the threshold and of the complement that would reveal a suppressed team (docs/surveys.md).
/// </summary>
[Trait("Warehouse", "Both")]
public sealed class NpsMetricTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly DateTime Week1 = new(2026, 3, 3, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Week2 = new(2026, 3, 10, 10, 0, 0, DateTimeKind.Utc);

    private InsightsTestServer Server => fixture.Server;

    /// <summary>
    /// Campaign of 40 developers: alpha (20), beta (10), gamma (4), each respondent's final answer:
    /// alpha  week 1: 10 10 9 9 8, week 2: 7 6 3   → 8 answers: P 4, passives 2, D 2
    /// beta   week 1: 9 9 9 7,     week 2: 5 0      → 6 answers: P 3, passives 1, D 2
    /// gamma  week 1: 10,          week 2: 2        → 2 answers: P 1, D 1
    /// a0 first answered 2 (replaced by its 10); a7 sent its answer three times (counts once).
    /// </summary>
    private async Task<Guid> SeedAsync(int offsetDays = 0)
    {
        var campaign = Guid.NewGuid();
        var answers = new List<NpsAnswer>();
        void Add(string respondent, string team, int score, DateTime at, int teamSize) =>
            answers.Add(new NpsAnswer("test", campaign, respondent, team, score, string.Empty, at.AddDays(offsetDays), 40, teamSize, 5));

        Add("a0", "alpha", 2, Week1.AddDays(-1), 20);
        foreach (var (score, i) in new[] { 10, 10, 9, 9, 8 }.Select((s, i) => (s, i)))
        {
            Add($"a{i}", "alpha", score, Week1, 20);
        }

        foreach (var (score, i) in new[] { 7, 6, 3 }.Select((s, i) => (s, i)))
        {
            Add($"a{i + 5}", "alpha", score, Week2, 20);
        }

        Add("a7", "alpha", 3, Week2, 20);
        Add("a7", "alpha", 3, Week2.AddMinutes(1), 20);
        foreach (var (score, i) in new[] { 9, 9, 9, 7 }.Select((s, i) => (s, i)))
        {
            Add($"b{i}", "beta", score, Week1, 10);
        }

        Add("b4", "beta", 5, Week2, 10);
        Add("b5", "beta", 0, Week2, 10);
        Add("g0", "gamma", 10, Week1, 4);
        Add("g1", "gamma", 2, Week2, 4);
        await Server.Services.GetRequiredService<NpsResponseWriter>().WriteAsync(answers);
        await Server.FlushAsync();
        return campaign;
    }

    private async Task<JsonElement> NpsAsync(string query) =>
        await Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/nps?from=2026-03-02&to=2026-03-16&{query}");

    [Fact]
    public async Task Organisation_IsExact_WithTheFinitePopulationCorrection()
    {
        var campaign = await SeedAsync();

        var result = await NpsAsync($"campaign={campaign}");

        // 16 respondents: P 8, passives 3, D 5 → NPS = 100 × (8 − 5) ÷ 16 = 18.75.
        // p = 0.5, d = 0.3125: p + d − (p − d)² = 0.77734375; ÷ 16 → √ = 0.220418; × 196 = 43.2019;
        // × √((40 − 16) ÷ 39) = 0.784465 → 33.89.
        var summary = result.GetProperty("summary");
        Assert.Equal(18.75, summary.GetProperty("value").GetDouble());
        Assert.Equal(16, summary.GetProperty("n").GetInt64());
        Assert.Equal(8, summary.GetProperty("promoters").GetInt64());
        Assert.Equal(3, summary.GetProperty("passives").GetInt64());
        Assert.Equal(5, summary.GetProperty("detractors").GetInt64());
        Assert.Equal(33.89, summary.GetProperty("margin_of_error").GetDouble());
        Assert.Equal(40, summary.GetProperty("audience_size").GetInt64());
        Assert.False(summary.GetProperty("suppressed").GetBoolean());
        Assert.Equal("nps", result.GetProperty("unit").GetString());
        Assert.Equal(campaign.ToString(), result.GetProperty("filters").GetProperty("campaign").GetString());

        // Week 1: 10 answers, P 8, passives 2 → 80; margin 1.96 × 100 × √(0.96 ÷ 10) × √(30 ÷ 39) = 21.74.
        // Week 2: 6 answers, passives 1, D 5 → −83.33; margin 29.82 × √(34 ÷ 39) = 27.84.
        var series = result.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(["2026-03-02", "2026-03-09"], series.Select(p => p.GetProperty("period_start").GetString()));
        Assert.Equal([80.0, -83.33], series.Select(p => p.GetProperty("value").GetDouble()));
        Assert.Equal([10L, 6L], series.Select(p => p.GetProperty("n").GetInt64()));
        Assert.Equal([21.74, 27.84], series.Select(p => p.GetProperty("margin_of_error").GetDouble()));
    }

    [Fact]
    public async Task ACampaignIsNamedByItsId_InAnyCase_AndANameIsAProblem()
    {
        var campaign = await SeedAsync();

        var upper = await NpsAsync($"campaign={campaign.ToString().ToUpperInvariant()}");
        var byName = await Server.Client.GetAsync("/api/v1/metrics/nps?from=2026-03-02&to=2026-03-16&campaign=platform-nps-2026-q1");
        var problem = await byName.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(16, upper.GetProperty("summary").GetProperty("n").GetInt64());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, byName.StatusCode);
        Assert.StartsWith("must be a survey campaign's id", problem.GetProperty("errors").GetProperty("campaign")[0].GetString());
    }

    [Fact]
    public async Task WithoutACampaign_TheMarginHasNoCorrection()
    {
        // Without a campaign, answers of several campaigns mix several populations: no N, so no correction
        // (the correction only narrows the margin). Same answers 364 days later (same weekdays), alone in their range.
        await SeedAsync(offsetDays: 364);

        var summary = (await Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/metrics/nps?from=2027-03-01&to=2027-03-15&interval=month")).GetProperty("summary");

        // 1.96 × 100 × √(0.77734375 ÷ 16) = 43.20.
        Assert.Equal(18.75, summary.GetProperty("value").GetDouble());
        Assert.Equal(16, summary.GetProperty("n").GetInt64());
        Assert.Equal(43.2, summary.GetProperty("margin_of_error").GetDouble());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("audience_size").ValueKind);
    }

    [Fact]
    public async Task VisibleTeam_IsExact_ButItsPeriodsAreHidden_WhenOneWeekWouldBeLeftAlone()
    {
        var campaign = await SeedAsync();

        var alpha = await NpsAsync($"campaign={campaign}&team=alpha");

        // 8 respondents: P 4, passives 2, D 2 → 25. p = 0.5, d = 0.25: 0.75 − 0.0625 = 0.6875; ÷ 8 → √ = 0.293151;
        // × 196 = 57.4576; × √((20 − 8) ÷ 19) = 0.794719 → 45.66.
        var summary = alpha.GetProperty("summary");
        Assert.Equal(25, summary.GetProperty("value").GetDouble());
        Assert.Equal(8, summary.GetProperty("n").GetInt64());
        Assert.Equal(45.66, summary.GetProperty("margin_of_error").GetDouble());
        Assert.Equal(20, summary.GetProperty("audience_size").GetInt64());

        // Week 2 has 3 answers (< 5): hidden. Week 1 alone (5) would then give week 2 away as
        // 8 − 5 = 3, so week 1 is hidden too (the row's complement rule).
        foreach (var period in alpha.GetProperty("series").EnumerateArray())
        {
            Assert.True(period.GetProperty("suppressed").GetBoolean(), period.ToString());
            Assert.Equal(JsonValueKind.Null, period.GetProperty("value").ValueKind);
            Assert.Equal(JsonValueKind.Null, period.GetProperty("n").ValueKind);
            Assert.Equal(JsonValueKind.Null, period.GetProperty("promoters").ValueKind);
        }
    }

    [Fact]
    public async Task SmallTeam_IsSuppressed_AndSoIsTheTeamThatWouldRevealIt_ByComplement()
    {
        var campaign = await SeedAsync();

        var gamma = (await NpsAsync($"campaign={campaign}&team=gamma")).GetProperty("summary");
        var beta = (await NpsAsync($"campaign={campaign}&team=beta")).GetProperty("summary");

        // gamma has 2 respondents (< 5). With alpha (8) and beta (6) shown, the organisation (16) minus them
        // would leave gamma's 2 answers; so the smallest shown team, beta, is hidden as well: 16 − 8 = 8 ≥ 5.
        foreach (var hidden in new[] { gamma, beta })
        {
            Assert.True(hidden.GetProperty("suppressed").GetBoolean(), hidden.ToString());
            Assert.True(hidden.GetProperty("low_sample").GetBoolean());
            foreach (var field in new[] { "value", "n", "promoters", "passives", "detractors", "margin_of_error" })
            {
                Assert.Equal(JsonValueKind.Null, hidden.GetProperty(field).ValueKind);
            }
        }
    }

    [Fact]
    public async Task Complement_OfAtLeastTheThreshold_HidesNothingMore()
    {
        // delta 6 answers (P 3, passives 2, D 1), epsilon 2, zeta 3: epsilon and zeta are hidden, and together
        // they are 5 ≥ 5 respondents, so the organisation minus delta reveals no small group: delta is shown.
        var campaign = Guid.NewGuid();
        var at = new DateTime(2026, 3, 4, 12, 0, 0, DateTimeKind.Utc);
        var answers = new[] { 10, 9, 9, 8, 7, 2 }.Select((s, i) => new NpsAnswer("test", campaign, $"d{i}", "delta", s, string.Empty, at, 0, 6, 5))
            .Concat(new[] { 1, 2 }.Select((s, i) => new NpsAnswer("test", campaign, $"e{i}", "epsilon", s, string.Empty, at, 0, 0, 5)))
            .Concat(new[] { 10, 10, 10 }.Select((s, i) => new NpsAnswer("test", campaign, $"z{i}", "zeta", s, string.Empty, at, 0, 0, 5)))
            .ToList();
        await Server.Services.GetRequiredService<NpsResponseWriter>().WriteAsync(answers);
        await Server.FlushAsync();

        var delta = (await NpsAsync($"campaign={campaign}&team=delta")).GetProperty("summary");
        var zeta = (await NpsAsync($"campaign={campaign}&team=zeta")).GetProperty("summary");
        var organisation = (await NpsAsync($"campaign={campaign}")).GetProperty("summary");

        // delta: 100 × (3 − 1) ÷ 6 = 33.33; its whole audience (6) answered, so the margin is 0.
        Assert.Equal(33.33, delta.GetProperty("value").GetDouble());
        Assert.Equal(0, delta.GetProperty("margin_of_error").GetDouble());
        Assert.True(zeta.GetProperty("suppressed").GetBoolean());
        // 11 respondents: P 3 (delta) + 3 (zeta) = 6, passives 2, D 1 (delta) + 2 (epsilon) = 3 → 100 × 3 ÷ 11 = 27.27.
        Assert.Equal(11, organisation.GetProperty("n").GetInt64());
        Assert.Equal(27.27, organisation.GetProperty("value").GetDouble());
        Assert.Equal(JsonValueKind.Null, organisation.GetProperty("audience_size").ValueKind);
    }

    [Fact]
    public async Task CampaignThreshold_AboveTheMinimum_Applies()
    {
        // The campaign asks for 7: a team of 6 is hidden although 6 ≥ metrics.minimum_group_size (5).
        var campaign = Guid.NewGuid();
        var at = new DateTime(2026, 3, 5, 12, 0, 0, DateTimeKind.Utc);
        var answers = Enumerable.Range(0, 6).Select(i => new NpsAnswer("test", campaign, $"s{i}", "six", 9, string.Empty, at, 0, 0, 7))
            .Concat(Enumerable.Range(0, 8).Select(i => new NpsAnswer("test", campaign, $"e{i}", "eight", 5, string.Empty, at, 0, 0, 7)))
            .ToList();
        await Server.Services.GetRequiredService<NpsResponseWriter>().WriteAsync(answers);
        await Server.FlushAsync();

        var six = (await NpsAsync($"campaign={campaign}&team=six")).GetProperty("summary");
        var eight = (await NpsAsync($"campaign={campaign}&team=eight")).GetProperty("summary");

        Assert.True(six.GetProperty("suppressed").GetBoolean());
        // Showing "eight" would leave "six" (6 ≥ 7? no) as the complement: hidden too.
        Assert.True(eight.GetProperty("suppressed").GetBoolean());
        Assert.Equal(14, (await NpsAsync($"campaign={campaign}")).GetProperty("summary").GetProperty("n").GetInt64());
    }

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4, 5, 6, 7, 8 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task EveryTeamAtOnce_IsEachTeamsFilteredAnswer(int seed)
    {
        // A random campaign: five teams of 0-12 respondents (some answer twice), answers without a team,
        // scores over three weeks, a threshold of 3-7 — cells hidden by size, by column and by row.
        var random = new Random(seed);
        var campaign = Guid.NewGuid();
        var teams = new[] { "t1", "t2", "t3", "t4", "t5" };
        var threshold = random.Next(3, 8);
        var answers = new List<NpsAnswer>();
        foreach (var team in teams.Append(string.Empty))
        {
            var size = random.Next(0, 13);
            for (var i = 0; i < size; i++)
            {
                var at = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc).AddHours(random.Next(0, 24 * 20));
                answers.Add(new NpsAnswer("test", campaign, $"{team}-r{i}", team, random.Next(0, 11), string.Empty, at, 60, size + random.Next(0, 4), threshold));
                if (random.Next(4) == 0)
                {
                    answers.Add(new NpsAnswer("test", campaign, $"{team}-r{i}", team, random.Next(0, 11), string.Empty, at.AddHours(random.Next(1, 100)), 60, size, threshold));
                }
            }
        }

        await Server.Services.GetRequiredService<NpsResponseWriter>().WriteAsync(answers);
        await Server.FlushAsync();

        var engine = Server.Services.GetRequiredService<MetricEngine>();
        var questions = new[]
        {
            new MetricQuery(MetricCatalog.Nps, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 23)),
            new MetricQuery(MetricCatalog.Nps, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 16)) { Interval = Interval.Day },
            new MetricQuery(MetricCatalog.Nps, new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 30)),
            new MetricQuery(MetricCatalog.Nps, new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 1)) { Interval = Interval.Month },
        };
        var shown = 0;
        foreach (var question in questions.Select(q => q with { Campaign = campaign.ToString() }))
        {
            var everyTeam = await engine.ComputeByTeamAsync(question);
            foreach (var team in teams.Append("t-none"))
            {
                var filtered = await engine.ComputeAsync(question with { Team = team });
                var expected = JsonSerializer.Serialize(filtered);
                var actual = JsonSerializer.Serialize(everyTeam.For(team));
                Assert.True(expected == actual, $"{question}:\n  filtered   {expected}\n  every team {actual}");
                shown += filtered.Summary.Value is null ? 0 : 1;
            }
        }

        // Not only hidden or empty cells: some teams' answers compare real figures.
        Assert.True(shown > 0, $"seed {seed}: no team's figure is shown");
    }

    [Fact]
    public async Task UnknownCampaign_IsAnEmptyResult()
    {
        var result = await NpsAsync($"campaign={Guid.NewGuid()}&team=alpha");

        Assert.Equal(JsonValueKind.Null, result.GetProperty("summary").GetProperty("value").ValueKind);
        Assert.Equal(0, result.GetProperty("summary").GetProperty("n").GetInt64());
        Assert.False(result.GetProperty("summary").GetProperty("suppressed").GetBoolean());
    }
}
