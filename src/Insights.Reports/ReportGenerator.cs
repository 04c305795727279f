using Insights.Domain.Metrics;
using Insights.Reports.Content;
using Insights.Reports.Delivery;
using Insights.Reports.Layout;
using Insights.Reports.Rendering;
using Insights.Reports.Storage;
using Insights.Reports.Weeks;
using Insights.Warehouse.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Insights.Reports;

/// <summary>Makes reports: asks the metrics layer, draws the PDF, archives it, and queues its e-mail.</summary>
public sealed class ReportGenerator(
    MetricEngine engine,
    DoraService dora,
    MetricItemReader items,
    CatalogQueries catalog,
    ReportContentBuilder builder,
    ReportStore store,
    ReportDeliveryService deliveries,
    IOptionsMonitor<ReportsOptions> options,
    IOptionsMonitor<MetricsOptions> metricsOptions,
    ILogger<ReportGenerator> logger)
{
    /// <summary>A fresh set of answers for one run (questions shared by its reports are asked once).</summary>
    public ReportMetrics NewRun() => new(engine, dora, items, options.CurrentValue.QueryConcurrency);

    /// <param name="replace">Make it again even if the week and scope have a report (the API); else keep that one (the schedule).</param>
    /// <param name="deliver">Queue the e-mail to the scope's recipients.</param>
    public async Task<GeneratedReport> GenerateAsync(
        IsoWeek week, ReportScope scope, string trigger, bool replace, bool deliver, ReportMetrics? run, CancellationToken cancellationToken)
    {
        if (!replace && await store.FindAsync(week, scope, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return new GeneratedReport(existing, Created: false, Kept: true);
        }

        var content = await builder.BuildAsync(week, scope, run ?? NewRun(), cancellationToken).ConfigureAwait(false);
        var rendered = new WeeklyReportRenderer(ReportFonts.From(options.CurrentValue.FontDirectory), metricsOptions.CurrentValue.MinimumGroupSize).Render(content);
        var (report, created) = await store.SaveAsync(week, scope, content.Benchmark, trigger, content.GeneratedAt, rendered, cancellationToken).ConfigureAwait(false);
        if (deliver)
        {
            await deliveries.QueueAsync(report, scope, cancellationToken).ConfigureAwait(false);
        }

        logger.LogInformation("Made the weekly report {Week} for {Scope} ({Pages} pages, {Bytes} bytes)", week, scope, rendered.Pages, rendered.Pdf.Length);
        return new GeneratedReport(report, created, Kept: false);
    }

    /// <summary>
    /// The organisation's report and, with <paramref name="perTeam"/>, one per team of the catalog, in that
    /// order. Up to <see cref="ReportsOptions.GenerationConcurrency"/> are made at once: while one waits
    /// for ClickHouse another draws its PDF.
    /// </summary>
    public async Task<IReadOnlyList<GeneratedReport>> GenerateWeekAsync(
        IsoWeek week, bool perTeam, string trigger, bool replace, bool deliver, CancellationToken cancellationToken)
    {
        var run = NewRun();
        var scopes = new List<ReportScope> { ReportScope.Organisation };
        if (perTeam)
        {
            scopes.AddRange((await catalog.TeamNamesAsync(cancellationToken).ConfigureAwait(false)).Select(ReportScope.ForTeam));
        }

        var results = new GeneratedReport[scopes.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.CurrentValue.GenerationConcurrency), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, scopes.Count), parallel, async (i, token) =>
            results[i] = await GenerateAsync(week, scopes[i], trigger, replace, deliver, run, token).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }
}
