using Insights.Domain.Metrics;
using Insights.Reports.Weeks;
using Insights.Warehouse.Metrics;

namespace Insights.Reports.Content;

/// <summary>
/// Asks the metrics layer everything one report shows (docs/reports.md lists each question). Nothing is
/// computed here but the difference of two answers (a change) and the order of regressions.
/// </summary>
public sealed class ReportContentBuilder(CatalogQueries catalog, INpsCommentSource comments, TimeProvider clock)
{
    /// <summary>The cohort, survey and comparison sections cover the 12 weeks ending with the report week.</summary>
    public const int TrailingWeeks = 12;

    /// <summary>The golden-path section's metrics (manifests' <c>report.golden_path_section</c>).</summary>
    private static readonly MetricDefinition[] PathMetrics = [.. MetricCatalog.All.Where(m => m.Report?.GoldenPathSection == true)];

    /// <summary>The team table's column besides the four keys (<c>report.team_table</c>: platform adoption).</summary>
    private static readonly MetricDefinition TeamTableMetric = MetricCatalog.All.Single(m => m.Report?.TeamTable == true);

    /// <summary>The metric whose breakdown has a section of its own (<c>report.breakdown_section</c>: provisioning).</summary>
    private static readonly MetricDefinition BreakdownMetric = MetricCatalog.All.Single(m => m.Report?.BreakdownSection == true);

    /// <summary>The metric whose stages have a section of their own (<c>report.stages_section</c>: lead time).</summary>
    private static readonly MetricDefinition? StagesMetric = MetricCatalog.All.SingleOrDefault(m => m.Report?.StagesSection is not null);

    public async Task<WeeklyReport> BuildAsync(IsoWeek week, ReportScope scope, ReportMetrics metrics, CancellationToken cancellationToken)
    {
        var range = new ReportRanges(week);
        var dora = metrics.DoraAsync(Query(MetricCatalog.FourKeys[0], range.From, range.To, scope.Team), cancellationToken);
        var kpis = KpiDefinition.All.Select(k => KpiAsync(k, scope, range, dora, metrics, cancellationToken)).ToList();

        Task<TeamRow[]>? teamRows = null;
        if (scope.IsOrganisation)
        {
            var teams = await catalog.TeamNamesAsync(cancellationToken).ConfigureAwait(false);
            teamRows = Task.WhenAll(teams.Select(t => TeamRowAsync(t, range, metrics, cancellationToken)));
        }

        // A team's report compares the team with the organisation (in a weekly run, the organisation's report asks the same).
        var organisation = scope.IsOrganisation ? Task.FromResult<TeamRow?>(null) : OrganisationRowAsync(range, metrics, cancellationToken);

        // Golden path against other deployments is an organisation-wide view (as in GET /api/v1/impact).
        var goldenPath = scope.IsOrganisation ? GoldenPathAsync(scope, range, metrics, cancellationToken) : Task.FromResult<GoldenPathSection?>(null);
        var provisioning = metrics.ComputeAsync(Query(BreakdownMetric, range.TrailingFrom, range.To, scope.Team), cancellationToken);
        // The same question as its KPI's 12-week trend: answered once. A team's report only: the organisation's
        // keeps to two pages (its comments need the room), and each team's report shows where its own time goes.
        var stages = StagesMetric is null || scope.IsOrganisation ? null : metrics.ComputeAsync(Query(StagesMetric, range.TrailingFrom, range.To, scope.Team), cancellationToken);
        var commentSection = comments.GetAsync(scope, range.TrailingFrom, range.To, metrics, cancellationToken);
        var dataStarts = metrics.SharedAsync("data starts", () => catalog.DataStartsAsync(cancellationToken), cancellationToken);

        var rows = teamRows is null ? null : await teamRows.ConfigureAwait(false);
        var doraResult = await dora.ConfigureAwait(false);
        var regressions = await RegressionsAsync(scope, range, doraResult, rows, kpis, metrics, cancellationToken).ConfigureAwait(false);
        var provisioningAnswer = (await provisioning.ConfigureAwait(false)).Result!;
        var stagesAnswer = stages is null ? null : (await stages.ConfigureAwait(false)).Result;

        return new WeeklyReport(
            week,
            scope,
            clock.GetUtcNow().UtcDateTime,
            doraResult.Benchmark,
            doraResult.BenchmarkTitle,
            await Task.WhenAll(kpis).ConfigureAwait(false),
            doraResult,
            rows?.OrderBy(r => r.Team, StringComparer.Ordinal).ToList(),
            await organisation.ConfigureAwait(false),
            regressions,
            await goldenPath.ConfigureAwait(false),
            new ProvisioningSection(range.TrailingFrom, range.To, provisioningAnswer.Summary, provisioningAnswer.Breakdown),
            stagesAnswer is null ? null : StagesSection.Of(StagesMetric!, range.TrailingFrom, range.To, stagesAnswer.Summary, stagesAnswer.Breakdown),
            await commentSection.ConfigureAwait(false),
            await dataStarts.ConfigureAwait(false));
    }

    private static MetricQuery Query(MetricDefinition metric, DateOnly from, DateOnly to, string? team, bool? goldenPath = null) =>
        new(metric, from, to) { Team = team, GoldenPath = goldenPath };

    private static async Task<KpiFigure> KpiAsync(KpiDefinition kpi, ReportScope scope, ReportRanges range, Task<DoraResult> dora, ReportMetrics metrics, CancellationToken cancellationToken)
    {
        var metric = kpi.Metric;
        var from = kpi.Window == KpiWindow.Week ? range.From : range.TrailingFrom;
        var trend = metrics.ComputeAsync(Query(metric, range.TrailingFrom, range.To, scope.Team), cancellationToken);

        MetricAnswer current;
        Task<MetricAnswer>? previousWindow = null;
        if (kpi.Window == KpiWindow.TwelveWeeks)
        {
            // The trailing window is the trend's own question; the one a week earlier is asked too.
            previousWindow = metrics.ComputeAsync(Query(metric, range.TrailingFrom.AddDays(-7), range.To.AddDays(-7), scope.Team), cancellationToken);
            current = await trend.ConfigureAwait(false);
        }
        else if ((await dora.ConfigureAwait(false)).Metrics.FirstOrDefault(k => k.Metric == metric.Name) is { } key)
        {
            // The four keys of the week are the DORA summary's own answers (the same queries).
            current = MetricAnswer.OfSummary(key.Summary);
        }
        else
        {
            current = await metrics.ComputeAsync(Query(metric, range.From, range.To, scope.Team), cancellationToken).ConfigureAwait(false);
        }

        var trendAnswer = await trend.ConfigureAwait(false);
        var previousAnswer = previousWindow is null ? null : await previousWindow.ConfigureAwait(false);
        if ((current.Unavailable ?? trendAnswer.Unavailable ?? previousAnswer?.Unavailable) is { } reason)
        {
            return new KpiFigure(kpi, from, range.To, null, null, [], new KpiChange(ChangeVerdict.NotComparable, null), reason);
        }

        var series = trendAnswer.Result!.Series;
        // A week's previous week is the trend's point for it: the API's answer for those 12 weeks.
        var previous = previousAnswer?.Summary ?? series.FirstOrDefault(p => p.PeriodStart == range.From.AddDays(-7));
        var points = series.TakeLast(TrailingWeeks).Select(p => p.Value).ToList();
        return new KpiFigure(kpi, from, range.To, current.Summary, previous, points, KpiChange.Between(metric, current.Summary, previous), null);
    }

    private static async Task<TeamRow> TeamRowAsync(string team, ReportRanges range, ReportMetrics metrics, CancellationToken cancellationToken)
    {
        var dora = metrics.DoraAsync(Query(MetricCatalog.FourKeys[0], range.From, range.To, team), cancellationToken);
        var adoption = metrics.ComputeAsync(Query(TeamTableMetric, range.From, range.To, team), cancellationToken);
        return new TeamRow(team, await dora.ConfigureAwait(false), (await adoption.ConfigureAwait(false)).Summary!);
    }

    private static async Task<TeamRow?> OrganisationRowAsync(ReportRanges range, ReportMetrics metrics, CancellationToken cancellationToken)
    {
        var dora = metrics.DoraAsync(Query(MetricCatalog.FourKeys[0], range.From, range.To, null), cancellationToken);
        var adoption = metrics.ComputeAsync(Query(TeamTableMetric, range.From, range.To, null), cancellationToken);
        return new TeamRow(ReportScope.Organisation.Title, await dora.ConfigureAwait(false), (await adoption.ConfigureAwait(false)).Summary!);
    }

    private static async Task<IReadOnlyList<Regression>> RegressionsAsync(
        ReportScope scope, ReportRanges range, DoraResult dora, IReadOnlyList<TeamRow>? teams, IReadOnlyList<Task<KpiFigure>> kpis, ReportMetrics metrics, CancellationToken cancellationToken)
    {
        // Per team in the organisation's report; the team's own figures in a team's report.
        var subjects = teams?.Select(t => (Team: (string?)t.Team, t.Dora, t.Adoption)).ToList()
            ?? [(scope.Team, dora, (await kpis.First(k => k.Result.Definition.Metric == TeamTableMetric).ConfigureAwait(false)).Current!)];
        var candidates = subjects.SelectMany(s => RegressionFinder.Watched.Select(async metric =>
        {
            var current = metric == TeamTableMetric ? s.Adoption : s.Dora.Metrics.First(k => k.Metric == metric.Name).Summary;
            if (!RegressionFinder.CanRegress(current))
            {
                // No figure, or a low sample: never a regression, so its baseline is not asked for.
                return (s.Team, metric, (MetricValues?)current, (MetricValues?)null);
            }

            var baseline = await metrics.ComputeAsync(Query(metric, range.BaselineFrom, range.From, s.Team), cancellationToken).ConfigureAwait(false);
            return (s.Team, metric, (MetricValues?)current, baseline.Summary);
        }));
        var found = RegressionFinder.Rank(await Task.WhenAll(candidates).ConfigureAwait(false));

        // Each names the week's rows behind it, read as the items API reads them (no second computation).
        return await Task.WhenAll(found.Select(async r =>
        {
            if (r.Metric.Report?.Contributors is null)
            {
                return r;
            }

            var rows = await metrics.ItemsAsync(new MetricItemsQuery(Query(r.Metric, range.From, range.To, r.Team)) { Counted = true }, cancellationToken).ConfigureAwait(false);
            return r with { Contributors = ContributorPicker.Pick(r.Metric, rows) };
        })).ConfigureAwait(false);
    }

    private static async Task<GoldenPathSection?> GoldenPathAsync(ReportScope scope, ReportRanges range, ReportMetrics metrics, CancellationToken cancellationToken)
    {
        var comparisons = PathMetrics.Select(async metric =>
        {
            var golden = metrics.ComputeAsync(Query(metric, range.TrailingFrom, range.To, scope.Team, goldenPath: true), cancellationToken);
            var other = metrics.ComputeAsync(Query(metric, range.TrailingFrom, range.To, scope.Team, goldenPath: false), cancellationToken);
            return new GoldenPathComparison(metric, (await golden.ConfigureAwait(false)).Summary!, (await other.ConfigureAwait(false)).Summary!);
        });
        return new GoldenPathSection(range.TrailingFrom, range.To, await Task.WhenAll(comparisons).ConfigureAwait(false));
    }
}
