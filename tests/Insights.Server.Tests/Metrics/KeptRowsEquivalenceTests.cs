using System.Text.Json;
using Insights.TestSupport;
using Insights.Domain.Metrics;
using Insights.Warehouse.Metrics;
using Insights.Warehouse.Metrics.KeptRows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Insights.Server.Tests.Metrics;

/// <summary>
/// The property that allows kept rows at all (docs/adr/0007-kept-rows.md): an answer from kept rows is
/// the reference answer. On random organisations (RandomOrganisation: cancelled and unfinished deployments,
/// staging and per-service production environments, rollbacks, services attributed by commits and by
/// time, bots, labels, drafts, engineers joining, cold starts), then after a second organisation's events
/// arrive late and out of order among the first's, after the first's are corrected (statuses, finish times,
/// resolutions, merge times, labels), and after the first copies are re-sent (newer copies): every
/// metric that keeps rows, organisation-wide, per team, per service, per environment and golden path,
/// by day, week and month, for every team at once and for both golden-path groups at once, answers from
/// kept rows exactly what the reference SQL answers, and the organisation's items are the same. Kept rows of earlier data are never read, and a
/// changed setting is answered by the reference path until its own rows are kept.
/// </summary>
public sealed class KeptRowsEquivalenceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    /// <summary>The metrics whose rows are kept; onboarding and provisioning read the time of asking, NPS has no rows.</summary>
    private static readonly string[] Kept = ["deployment-frequency", "lead-time", "change-failure-rate", "recovery-time", "incident-restore-time", "rework-rate", "adoption-rate"];

    public static TheoryData<int> Seeds => new() { 41, 42 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task KeptAnswers_AreTheReferenceAnswers_ThroughCorrectionsAndResentEvents(int seed)
    {
        var prefix = $"k{seed}{Guid.NewGuid():N}"[..12];
        var organisation = await RandomOrganisation.PushAsync(fixture.Server, prefix, new Random(seed));
        var store = Store();
        var options = Options();
        var compared = await CompareEveryQuestionAsync(store, options, organisation, seed, "first copies");

        // A second organisation whose events fall between the first's, arriving after its rows were kept.
        var earlier = KeptRowsShape.For(Question(MetricCatalog.LeadTime), options, DateTime.UtcNow)!;
        Assert.NotNull(await store.FindAsync(earlier, CancellationToken.None));
        await RandomOrganisation.PushAsync(fixture.Server, prefix + "b", new Random(seed + 1000));
        Assert.Null(await store.FindAsync(earlier, CancellationToken.None));
        var afterNewData = await Engine(store, options).ComputeAsync(Question(MetricCatalog.LeadTime));
        Assert.Equal(AnswerPath.Reference, afterNewData.AnsweredFrom);
        compared += await CompareEveryQuestionAsync(store, options, organisation, seed, "late events");

        // The first organisation's events corrected: statuses, finish times, resolutions, merge times, labels.
        await RandomOrganisation.PushAsync(fixture.Server, prefix, new Random(seed), corrections: new Random(seed + 2000));
        compared += await CompareEveryQuestionAsync(store, options, organisation, seed, "corrected events");

        // The first copies re-sent: newer versions of older content.
        await RandomOrganisation.PushAsync(fixture.Server, prefix, new Random(seed));
        compared += await CompareEveryQuestionAsync(store, options, organisation, seed, "re-sent copies");
        Assert.True(compared > 400, $"{compared} answers compared");
    }

    [Fact]
    public async Task AChangedSetting_IsAnsweredByTheReferencePath_UntilItsRowsAreKept()
    {
        var organisation = await RandomOrganisation.PushAsync(fixture.Server, $"s{Guid.NewGuid():N}"[..12], new Random(43));
        var store = Store();
        var options = Options();
        var question = Question(MetricCatalog.LeadTime) with { Team = organisation.Teams[0] };
        Assert.Equal(KeptRowsOutcome.Kept, await store.KeepAsync(KeptRowsShape.For(question, options, DateTime.UtcNow)!, CancellationToken.None));
        Assert.Equal(AnswerPath.KeptRows, (await Engine(store, options).ComputeAsync(question)).AnsweredFrom);

        var changed = Options();
        changed.ColdStartDays = 1;
        changed.AttributionWindowHours = 2;
        var before = await Engine(store, changed).ComputeAsync(question);
        Assert.Equal(AnswerPath.Reference, before.AnsweredFrom);
        Assert.Equal(KeptRowsOutcome.Kept, await store.KeepAsync(KeptRowsShape.For(question, changed, DateTime.UtcNow)!, CancellationToken.None));
        var after = await Engine(store, changed).ComputeAsync(question);
        Assert.Equal(AnswerPath.KeptRows, after.AnsweredFrom);
        Assert.Equal(JsonSerializer.Serialize(before), JsonSerializer.Serialize(after));
        Assert.Equal(KeptRowsOutcome.AlreadyKept, await store.KeepAsync(KeptRowsShape.For(question, changed, DateTime.UtcNow)!, CancellationToken.None));
    }

    [Fact]
    public async Task AnAnswerWithoutKeptRows_KeepsThemInABackgroundJob_AndTheNextAnswersAreTheSameFromThem()
    {
        // Through a server that runs jobs (test servers do not by default): its engine, the job it enqueues,
        // and the header that says which path answered.
        await using var server = await InsightsTestServer.StartAsync(new Dictionary<string, string?> { ["Insights:Role"] = "all" });
        await RandomOrganisation.PushAsync(server, $"j{Guid.NewGuid():N}"[..12], new Random(44));
        var path = $"/api/v1/metrics/lead-time?from={RandomOrganisation.From:yyyy-MM-dd}&to={RandomOrganisation.To:yyyy-MM-dd}";
        using var first = await server.Client.GetAsync(path);
        Assert.Equal("reference", first.Headers.GetValues("Insights-Answered-From").Single());
        var expected = await first.Content.ReadAsStringAsync();
        for (var attempt = 0; attempt < 300; attempt++)
        {
            await Task.Delay(200);
            using var again = await server.Client.GetAsync(path);
            if (again.Headers.GetValues("Insights-Answered-From").Single() == "kept-rows")
            {
                Assert.Equal(expected, await again.Content.ReadAsStringAsync());
                return;
            }
        }

        Assert.Fail("The rows were not kept within a minute of the first answer.");
    }

    [Fact]
    public void OnlyMetricsWhoseRowsDoNotDependOnTheTimeOfAsking_KeepRows()
    {
        var kept = MetricCatalog.All.Where(m => KeptRowsShape.For(Question(m), Options(), DateTime.UtcNow) is not null).Select(m => m.Name);
        Assert.Equal(Kept.Order(), kept.Order());
        var off = Options();
        off.KeepRows = false;
        Assert.Null(KeptRowsShape.For(Question(MetricCatalog.LeadTime), off, DateTime.UtcNow));
    }

    private async Task<int> CompareEveryQuestionAsync(KeptRowsStore store, MetricsOptions options, RandomOrganisation organisation, int seed, string stage)
    {
        var reference = Options();
        reference.KeepRows = false;
        var expectedEngine = Engine(store, reference);
        var keptEngine = Engine(store, options);
        var compared = 0;
        foreach (var metric in Kept.Select(MetricCatalog.Get))
        {
            // The interval is the summary's (the kept rows are the same): days on a short range, months on the long one.
            var ranges = new[]
            {
                Question(metric) with { Interval = Interval.Month },
                new MetricQuery(metric, new DateOnly(2026, 2, 2), new DateOnly(2026, 2, 9)) { Interval = Interval.Day },
            };
            var environments = metric.UsesDeployments ? new string?[] { null, "prod-eu" } : [null];
            foreach (var range in ranges)
            {
                foreach (var environment in environments)
                {
                    var shape = range with { Environment = environment };
                    var outcome = await store.KeepAsync(KeptRowsShape.For(shape, options, DateTime.UtcNow)!, CancellationToken.None);
                    Assert.True(outcome is KeptRowsOutcome.Kept or KeptRowsOutcome.AlreadyKept, $"{metric.Name}: {outcome}");
                    foreach (var question in Filtered(shape, organisation))
                    {
                        var context = $"{metric.Name} {question.From:yyyy-MM-dd}–{question.To:yyyy-MM-dd} by {question.Interval} team={question.Team} service={question.Service} environment={question.Environment} golden_path={question.GoldenPath} (seed {seed}, {stage})";
                        var expected = await expectedEngine.ComputeAsync(question);
                        var actual = await keptEngine.ComputeAsync(question);
                        Assert.True(actual.AnsweredFrom == AnswerPath.KeptRows, $"{context}: not answered from kept rows");
                        Assert.True(JsonSerializer.Serialize(expected) == JsonSerializer.Serialize(actual),
                            $"{context}:\n  reference  {JsonSerializer.Serialize(expected)}\n  kept rows  {JsonSerializer.Serialize(actual)}");
                        compared++;
                        if (question is { GoldenPath: null, Team: null, Service: null })
                        {
                            compared += await CompareItemsAsync(Reader(store, reference), Reader(store, options), question, context);
                        }
                    }

                    var everyTeam = await keptEngine.ComputeByTeamAsync(shape);
                    foreach (var team in organisation.Teams)
                    {
                        Assert.Equal(JsonSerializer.Serialize(await expectedEngine.ComputeAsync(shape with { Team = team })), JsonSerializer.Serialize(everyTeam.For(team)));
                        compared++;
                    }

                    if (metric.GroupsByGoldenPath)
                    {
                        var split = await keptEngine.ComputeByGoldenPathAsync(shape);
                        Assert.Equal(JsonSerializer.Serialize(await expectedEngine.ComputeAsync(shape with { GoldenPath = true })), JsonSerializer.Serialize(split.GoldenPath));
                        Assert.Equal(JsonSerializer.Serialize(await expectedEngine.ComputeAsync(shape with { GoldenPath = false })), JsonSerializer.Serialize(split.Other));
                        compared += 2;
                    }
                }
            }
        }

        // The comparison means something only if the kept rows hold data.
        var leadTime = await keptEngine.ComputeAsync(Question(MetricCatalog.LeadTime) with { Team = organisation.Teams[0] });
        Assert.True(leadTime.Summary.N > 0, $"team 0 has no lead-time sample ({stage})");
        return compared;
    }

    /// <summary>The items, all of them and their first page with its cursor, the same from both paths.</summary>
    private static async Task<int> CompareItemsAsync(MetricItemReader reference, MetricItemReader kept, MetricQuery question, string context)
    {
        await using var expected = await reference.ExportAsync(new MetricItemsQuery(question));
        await using var actual = await kept.ExportAsync(new MetricItemsQuery(question));
        Assert.True(actual.AnsweredFrom == AnswerPath.KeptRows, $"{context}: items not read from kept rows");
        var (all, allKept) = (JsonSerializer.Serialize(await expected.Items.ToListAsync()), JsonSerializer.Serialize(await actual.Items.ToListAsync()));
        Assert.True(all == allKept, $"{context} items:\n  reference  {all}\n  kept rows  {allKept}");
        var page = new MetricItemsQuery(question) { Limit = 7 };
        var (first, firstKept) = (JsonSerializer.Serialize(await reference.PageAsync(page)), JsonSerializer.Serialize(await kept.PageAsync(page)));
        Assert.True(first == firstKept, $"{context} first page:\n  reference  {first}\n  kept rows  {firstKept}");
        return 2;
    }

    private static IEnumerable<MetricQuery> Filtered(MetricQuery shape, RandomOrganisation organisation)
    {
        yield return shape;
        foreach (var team in organisation.Teams)
        {
            yield return shape with { Team = team };
        }

        yield return shape with { Team = "no-such-team" };
        if (shape.Metric.UsesService)
        {
            yield return shape with { Service = organisation.Services[1] };
            yield return shape with { Team = organisation.Teams[0], Service = organisation.Services[0] };
        }

        if (shape.Metric.GroupsByGoldenPath)
        {
            yield return shape with { GoldenPath = true };
            yield return shape with { GoldenPath = false, Team = organisation.Teams[1] };
        }
    }

    private static MetricQuery Question(MetricDefinition metric) => new(metric, RandomOrganisation.From, RandomOrganisation.To);

    private KeptRowsStore Store() => new(fixture.Server.ClickHouse, fixture.Server.Services.GetRequiredService<IOptions<Insights.Warehouse.ClickHouse.ClickHouseOptions>>());

    private MetricsOptions Options()
    {
        var current = fixture.Server.Services.GetRequiredService<IOptionsMonitor<MetricsOptions>>().CurrentValue;
        return new MetricsOptions
        {
            ProductionEnvironments = current.ProductionEnvironments,
            GoldenPathPipelines = current.GoldenPathPipelines,
            ExcludeLabels = ["dependencies"],
        };
    }

    private MetricItemReader Reader(KeptRowsStore store, MetricsOptions options) =>
        new(fixture.Server.ClickHouse, new FixedMetricsOptions(options), TimeProvider.System, keptRows: store);

    private MetricEngine Engine(KeptRowsStore store, MetricsOptions options) =>
        new(fixture.Server.ClickHouse, new FixedMetricsOptions(options), TimeProvider.System, keptRows: store);
}
