using System.Text.Json;
using Insights.Domain.Metrics;
using Insights.TestSupport;
using Insights.Warehouse.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Server.Tests.Metrics;

/// <summary>
/// The contract of items: the counted items reproduce the summary exactly. On random organisations
/// (RandomOrganisation), for every metric with items, organisation-wide, per team, per service and per
/// golden path, over weeks and days: a percentile metric's counted values give its n, value, p50, p75
/// and p90 (R-7), a rate's counted items are its denominator with value 1 in the numerator, deployment
/// frequency's are its deployments — for the summary and for every period of the series; the metric's
/// other figures (failed deployments, pending requests, engineers…) follow from the items too; and
/// every item left out says why; the breakdowns made of the items' own fields (lead time's stages,
/// incidents' time to acknowledge) follow from them. The server leaves changes labelled
/// <c>dependencies</c> out (metrics.exclude_labels), as RandomOrganisation labels some.
/// </summary>
[Trait("Warehouse", "Both")]
public sealed class ItemConsistencyTests(LabelExcludingServerFixture fixture) : IClassFixture<LabelExcludingServerFixture>
{
    public static TheoryData<int> Seeds => new() { 21, 22, 23, 24, 25 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task CountedItems_ReproduceEverySummary_AndEveryPeriod(int seed)
    {
        var prefix = $"c{seed}{Guid.NewGuid():N}"[..12];
        var organisation = await RandomOrganisation.PushAsync(fixture.Server, prefix, new Random(seed));
        var engine = fixture.Server.Services.GetRequiredService<MetricEngine>();
        var reader = fixture.Server.Services.GetRequiredService<MetricItemReader>();
        var compared = 0;
        foreach (var metric in MetricCatalog.All.Where(m => m.Items.Available))
        {
            foreach (var query in Questions(metric, organisation))
            {
                var result = await engine.ComputeAsync(query);
                var items = await ReadAllAsync(reader, new MetricItemsQuery(query));
                var context = $"{metric.Name} {query.From:yyyy-MM-dd}–{query.To:yyyy-MM-dd} by {query.Interval} team={query.Team} service={query.Service} environment={query.Environment} golden_path={query.GoldenPath} (seed {seed})";
                var days = query.To.DayNumber - query.From.DayNumber;
                if (result.Summary.Suppressed)
                {
                    Assert.True(items.Suppressed, $"{context}: the summary is suppressed but its items are not.");
                    continue;
                }

                Assert.False(items.Suppressed, context);
                AssertReproduces(metric, result.Summary, items.Items.Where(i => i.Counted).ToList(), days, context + " summary");
                AssertFigures(metric, result.Summary, items.Items, context + " summary");
                AssertBreakdown(metric, result.Breakdown, items.Items.Where(i => i.Counted).ToList(), context + " breakdown");
                foreach (var point in result.Series)
                {
                    var period = point.PeriodStart!.Value;
                    var inPeriod = items.Items.Where(i => PeriodCalendar.StartOf(DateOnly.FromDateTime(i.At), query.Interval) == period).ToList();
                    if (point.Suppressed)
                    {
                        continue;
                    }

                    AssertReproduces(metric, point, inPeriod.Where(i => i.Counted).ToList(), days, $"{context} period {period:yyyy-MM-dd}");
                }

                foreach (var item in items.Items)
                {
                    Assert.True(item.Counted == (item.Reason is null), $"{context}: {Describe(item)} counted and reason disagree.");
                    Assert.True(item.Counted || item.Explanation is { Length: > 10 }, $"{context}: {Describe(item)} has no explanation.");
                    Assert.True(item.Reason is null || metric.Items.Reasons.Contains(item.Reason), $"{context}: {Describe(item)}'s reason is not in the manifest.");
                    Assert.Contains(item.Kind, metric.Items.Kinds);
                    Assert.True(query.Team is null || item.Team == query.Team, $"{context}: {Describe(item)} is not the team's.");
                }

                compared += result.Summary.N > 0 ? 1 : 0;
            }
        }

        // The comparison means something only if most questions had counted items.
        Assert.True(compared > 40, $"only {compared} questions had counted items");
    }

    [Fact]
    public async Task APeriodsItems_AreTheRangesItemsOfThatPeriod_AndPagesAreTheExport()
    {
        var organisation = await RandomOrganisation.PushAsync(fixture.Server, $"q{Guid.NewGuid():N}"[..12], new Random(31));
        var reader = fixture.Server.Services.GetRequiredService<MetricItemReader>();
        foreach (var metric in MetricCatalog.All.Where(m => m.Items.Available))
        {
            var query = new MetricQuery(metric, RandomOrganisation.From, RandomOrganisation.To) { Team = organisation.Teams[0] };
            var all = await ReadAllAsync(reader, new MetricItemsQuery(query));
            var paged = new List<MetricItem>();
            var page = await reader.PageAsync(new MetricItemsQuery(query) { Limit = 9 });
            paged.AddRange(page.Items);
            while (page.Next is { } next)
            {
                page = await reader.PageAsync(new MetricItemsQuery(query) { Limit = 9, After = next });
                paged.AddRange(page.Items);
            }

            Assert.Equal(Keys(all.Items), Keys(paged));
            var period = new DateOnly(2026, 2, 2);
            var ofPeriod = await ReadAllAsync(reader, new MetricItemsQuery(query) { Period = period, Counted = false });
            Assert.Equal(
                Keys(all.Items.Where(i => !i.Counted && PeriodCalendar.StartOf(DateOnly.FromDateTime(i.At), Interval.Week) == period)),
                Keys(ofPeriod.Items));
        }
    }

    private static IEnumerable<MetricQuery> Questions(MetricDefinition metric, RandomOrganisation organisation)
    {
        var (from, to) = (RandomOrganisation.From, RandomOrganisation.To);
        yield return new MetricQuery(metric, from, to);
        foreach (var team in organisation.Teams)
        {
            yield return new MetricQuery(metric, from, to) { Team = team };
        }

        yield return new MetricQuery(metric, new DateOnly(2026, 2, 2), new DateOnly(2026, 2, 12)) { Interval = Interval.Day, Team = organisation.Teams[1] };
        yield return new MetricQuery(metric, from, to) { Interval = Interval.Month, Service = organisation.Services[3] };
        if (metric.UsesDeployments)
        {
            yield return new MetricQuery(metric, from, to) { GoldenPath = true, Team = organisation.Teams[0] };
            yield return new MetricQuery(metric, from, to) { Environment = "prod-eu" };
        }
    }

    /// <summary>How the counted items give the value and n (the manifest's items.reproduces).</summary>
    private static void AssertReproduces(MetricDefinition metric, MetricValues figures, IReadOnlyList<MetricItem> counted, int days, string context)
    {
        var values = counted.Select(i => i.Value ?? double.NaN).Order().ToArray();
        Assert.True(figures.N == counted.Count, $"{context}: n {figures.N} but {counted.Count} counted items: {string.Join(", ", counted.Select(Describe))}");
        switch (metric.Items.Reproduces)
        {
            case "percentiles":
                Assert.Equal(R7(values, 0.5), figures.Value);
                Assert.True(R7(values, 0.5) == figures.Number("p50") && R7(values, 0.75) == figures.Number("p75") && R7(values, 0.9) == figures.Number("p90"),
                    $"{context}: {JsonSerializer.Serialize(figures)} but counted values {string.Join(" ", values)}");
                break;
            case "share":
                Assert.All(values, v => Assert.True(v is 0 or 1, $"{context}: a share's item is worth {v}"));
                Assert.Equal(values.Length == 0 ? null : Round(100 * values.Sum() / values.Length), figures.Value);
                break;
            case "count_per_week":
                Assert.All(values, v => Assert.Equal(1, v));
                // A period's value is its count; the summary's, per week over the range.
                double? expected = values.Length == 0 ? null : figures.PeriodStart is not null ? values.Length : Round(values.Length / (days / 7.0));
                Assert.True(figures.Value == expected, $"{context}: value {figures.Value}, {values.Length} counted items give {expected}");
                break;
            default:
                throw new InvalidOperationException($"{metric.Name}: reproduces '{metric.Items.Reproduces}'?");
        }
    }

    /// <summary>The summary's other figures, from the items (counted or not).</summary>
    private static void AssertFigures(MetricDefinition metric, MetricValues summary, IReadOnlyList<MetricItem> items, string context)
    {
        var counted = items.Where(i => i.Counted).ToList();
        void Same(string figure, double expected) => Assert.True(summary.Number(figure) == expected, $"{context}: {figure} {summary.Number(figure)}, items give {expected}");
        foreach (var figure in new[] { "failed_deployments", "rework_deployments", "golden_deployments" }.Where(summary.ContainsKey))
        {
            Same(figure, counted.Sum(i => i.Value!.Value));
        }

        if (metric.Items.Reasons.Contains("not_ready"))
        {
            Same("pending", items.Count(i => i.Reason == "not_ready"));
        }

        if (metric.Items.Kinds.Contains("engineer"))
        {
            Same("engineers", items.Count);
            Same("pending", items.Count(i => !i.Counted));
        }

        if (summary.ContainsKey("deployment_days"))
        {
            Same("deployment_days", counted.Select(i => DateOnly.FromDateTime(i.At)).Distinct().Count());
        }

        if (metric.Items.Columns.Any(c => c.Name == "review_hours") && summary.N > 0)
        {
            // Lead time's stages add up to each lead time, each at least 0.
            foreach (var item in counted)
            {
                var sum = LeadTimeStages.Sum(s => item[s] is double d ? d : 0);
                Assert.True(Math.Abs(sum - item.Value!.Value) < 1e-9, $"{context}: {Describe(item)}'s stages add up to {sum}");
                Assert.All(LeadTimeStages, s => Assert.True(item[s] is null or >= 0.0, $"{context}: {Describe(item)}'s {s} is {item[s]}"));
                Assert.True((item["pickup_hours"] is null) == (item["first_review_at"] is null), $"{context}: {Describe(item)} has a pickup time without a review, or none with one");
                Assert.True(item["excluded_label"] is "", $"{context}: {Describe(item)} counted with the excluded label {item["excluded_label"]}");
            }
        }

        if (metric.Items.Reasons.Contains("excluded_label"))
        {
            Assert.All(items.Where(i => i.Reason == "excluded_label"), i => Assert.Contains("dependencies", ((string[])i["labels"]!).Select(l => l.ToLowerInvariant())));
        }
    }

    private static readonly string[] LeadTimeStages = ["coding_hours", "pickup_hours", "review_hours", "deploy_hours"];

    /// <summary>The breakdowns made of the counted items' own fields: their medians (R-7), of the items that have one.</summary>
    private static void AssertBreakdown(MetricDefinition metric, IReadOnlyDictionary<string, double?> breakdown, IReadOnlyList<MetricItem> counted, string context)
    {
        double[] Known(string field) => [.. counted.Select(i => i[field]).OfType<double>().Order()];
        void Same(string figure, double? expected) => Assert.True(breakdown.GetValueOrDefault(figure) == expected, $"{context}: {figure} {breakdown.GetValueOrDefault(figure)}, items give {expected}");
        if (counted.Count == 0)
        {
            return;
        }

        if (metric.Items.Columns.Any(c => c.Name == "pickup_hours"))
        {
            foreach (var stage in LeadTimeStages)
            {
                Same(stage, R7(Known(stage), 0.5));
            }
        }

        if (metric.Items.Columns.Any(c => c.Name == "acknowledge_hours"))
        {
            Same("acknowledged_n", Known("acknowledge_hours").Length);
            Same("acknowledge_p50_hours", R7(Known("acknowledge_hours"), 0.5));
            Same("acknowledge_p90_hours", R7(Known("acknowledge_hours"), 0.9));
        }
    }

    private static double? R7(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return null;
        }

        var h = (sorted.Length - 1) * p;
        var low = Math.Max(Math.Floor(h), 0);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return Round(sorted[(int)low] + ((h - low) * (sorted[(int)high] - sorted[(int)low])));
    }

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static async Task<(IReadOnlyList<MetricItem> Items, bool Suppressed)> ReadAllAsync(MetricItemReader reader, MetricItemsQuery query)
    {
        await using var export = await reader.ExportAsync(query);
        var items = new List<MetricItem>();
        await foreach (var item in export.Items)
        {
            items.Add(item);
        }

        return (items, export.Suppressed);
    }

    private static IReadOnlyList<MetricItemKey> Keys(IEnumerable<MetricItem> items) => [.. items.Select(i => i.Key)];

    private static string Describe(MetricItem item) => $"{item.Kind} {item.Id} ({item.At:yyyy-MM-dd HH:mm}, {item.Value?.ToString() ?? item.Reason})";
}
