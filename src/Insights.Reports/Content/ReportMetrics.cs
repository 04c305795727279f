using System.Collections.Concurrent;
using Insights.Domain.Metrics;
using Insights.Warehouse.Metrics;

namespace Insights.Reports.Content;

/// <summary>
/// The report's only door to the numbers: <see cref="MetricEngine"/> and <see cref="DoraService"/>,
/// asked exactly as the API asks them. One instance serves one generation run (the organisation and
/// its teams), so a question two reports share — a team's week in the organisation's team table and
/// on that team's own page 1 — is computed once. A team's question is answered from the metric asked
/// for every team at once (<see cref="MetricEngine.ComputeByTeamAsync"/>, equal to the filtered answer):
/// a run of 50 teams asks ClickHouse a few dozen questions instead of a thousand. Golden-path and other
/// deployments are answered from one question the same way (<see cref="MetricEngine.ComputeByGoldenPathAsync"/>).
/// At most <c>concurrency</c> questions run at a time.
/// </summary>
public sealed class ReportMetrics(MetricEngine engine, DoraService dora, MetricItemReader items, int concurrency)
{
    private readonly ConcurrentDictionary<MetricQuery, Lazy<Task<MetricAnswer>>> _metrics = new();
    private readonly ConcurrentDictionary<MetricQuery, Lazy<Task<MetricResultsByTeam>>> _byTeam = new();
    private readonly ConcurrentDictionary<MetricQuery, Lazy<Task<GoldenPathSplit>>> _byGoldenPath = new();
    private readonly ConcurrentDictionary<MetricQuery, Lazy<Task<DoraResult>>> _dora = new();
    private readonly ConcurrentDictionary<object, Lazy<Task<object?>>> _shared = new();
    private readonly ConcurrentDictionary<MetricItemsQuery, Lazy<Task<IReadOnlyList<MetricItem>>>> _items = new();
    private readonly SemaphoreSlim _gate = new(Math.Max(1, concurrency));
    private int _computed;

    /// <summary>How many distinct questions reached ClickHouse.</summary>
    public int Computed => _computed;

    public string DefaultBenchmark => engine.Options.DefaultBenchmark;

    /// <summary>The metric's answer; a metric this version cannot compute answers <see cref="MetricAnswer.NotAvailable"/>.</summary>
    public Task<MetricAnswer> ComputeAsync(MetricQuery query, CancellationToken cancellationToken) =>
        _metrics.GetOrAdd(query, q => new Lazy<Task<MetricAnswer>>(() => RunMetricAsync(q, cancellationToken))).Value;

    /// <summary>The four keys and the overall level for a scope (<paramref name="scope"/>'s metric is ignored).</summary>
    public Task<DoraResult> DoraAsync(MetricQuery scope, CancellationToken cancellationToken) =>
        _dora.GetOrAdd(scope with { Metric = MetricCatalog.FourKeys[0] },
            q => new Lazy<Task<DoraResult>>(() => RunDoraAsync(q, cancellationToken))).Value;

    /// <summary>
    /// The rows behind a figure, as <c>GET /api/v1/metrics/{metric}/items</c> gives them (the same reader),
    /// every page; empty when its group is under the privacy threshold or its items are never listed.
    /// A team's regression found by the organisation's report and by the team's own is read once per run.
    /// </summary>
    public Task<IReadOnlyList<MetricItem>> ItemsAsync(MetricItemsQuery query, CancellationToken cancellationToken) =>
        _items.GetOrAdd(query, q => new Lazy<Task<IReadOnlyList<MetricItem>>>(() => ReadItemsAsync(q, cancellationToken))).Value;

    private Task<IReadOnlyList<MetricItem>> ReadItemsAsync(MetricItemsQuery query, CancellationToken cancellationToken) =>
        Gated(async () =>
        {
            if (!query.Query.Metric.Items.Available)
            {
                return (IReadOnlyList<MetricItem>)[];
            }

            await using var export = await items.ExportAsync(query, cancellationToken).ConfigureAwait(false);
            var rows = new List<MetricItem>();
            await foreach (var item in export.Items.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(item);
            }

            return export.Suppressed ? [] : (IReadOnlyList<MetricItem>)rows;
        }, cancellationToken);

    /// <summary>Anything else every report of the run reads alike (the survey comments), read once per run.</summary>
    public async Task<T> SharedAsync<T>(object key, Func<Task<T>> read, CancellationToken cancellationToken) =>
        (T)(await _shared.GetOrAdd(key, _ => new Lazy<Task<object?>>(async () => await Gated(read, cancellationToken).ConfigureAwait(false))).Value.ConfigureAwait(false))!;

    private async Task<MetricAnswer> RunMetricAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(query.Team) && MetricEngine.GroupsByTeam(query.Metric))
        {
            var everyTeam = await _byTeam.GetOrAdd(query with { Team = null },
                q => new Lazy<Task<MetricResultsByTeam>>(() => Gated(() => engine.ComputeByTeamAsync(q, cancellationToken), cancellationToken))).Value.ConfigureAwait(false);
            return MetricAnswer.Of(everyTeam.For(query.Team));
        }

        if (query.GoldenPath is { } golden && MetricEngine.GroupsByGoldenPath(query.Metric))
        {
            var split = await _byGoldenPath.GetOrAdd(query with { GoldenPath = null },
                q => new Lazy<Task<GoldenPathSplit>>(() => Gated(() => engine.ComputeByGoldenPathAsync(q, cancellationToken), cancellationToken))).Value.ConfigureAwait(false);
            return MetricAnswer.Of(golden ? split.GoldenPath : split.Other);
        }

        try
        {
            return MetricAnswer.Of(await Gated(() => engine.ComputeAsync(query, cancellationToken), cancellationToken).ConfigureAwait(false));
        }
        catch (MetricQueryException ex) when (ex.Parameter == "metric")
        {
            // E.g. "'nps' is not available in this version": the report says so instead of failing.
            return MetricAnswer.NotAvailable(ex.Reason);
        }
    }

    private async Task<DoraResult> RunDoraAsync(MetricQuery scope, CancellationToken cancellationToken)
    {
        // The four keys one by one, each shared with the report's other questions (and, for a team,
        // answered from the keys asked for every team at once); combined as GET /api/v1/dora combines them.
        var keys = await Task.WhenAll(MetricCatalog.FourKeys.Select(metric => ComputeAsync(scope with { Metric = metric }, cancellationToken))).ConfigureAwait(false);
        if (keys.FirstOrDefault(k => k.Result is null) is { } missing)
        {
            throw new InvalidOperationException($"A DORA key could not be computed: {missing.Unavailable}");
        }

        return dora.Combine(scope, keys.Select(k => k.Result!).ToList());
    }

    private async Task<T> Gated<T>(Func<Task<T>> question, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Interlocked.Increment(ref _computed);
            return await question().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
