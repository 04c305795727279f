using System.Collections.Concurrent;
using Insights.Warehouse.Metrics;

namespace Insights.Reports.Content;

/// <summary>
/// The report's only door to the numbers: <see cref="MetricEngine"/> and <see cref="DoraService"/>,
/// asked exactly as the API asks them. One instance serves one generation run (the organisation and
/// its teams), so a question two reports share — a team's week in the organisation's team table and
/// on that team's own page 1 — is computed once. At most <c>concurrency</c> questions run at a time.
/// </summary>
public sealed class ReportMetrics(MetricEngine engine, DoraService dora, int concurrency)
{
    private readonly ConcurrentDictionary<MetricQuery, Lazy<Task<MetricAnswer>>> _metrics = new();
    private readonly ConcurrentDictionary<MetricQuery, Lazy<Task<DoraResult>>> _dora = new();
    private readonly SemaphoreSlim _gate = new(Math.Max(1, concurrency));
    private int _computed;

    /// <summary>How many distinct questions reached ClickHouse (a DORA summary counts four).</summary>
    public int Computed => _computed;

    public string DefaultBenchmark => engine.Options.DefaultBenchmark;

    /// <summary>The metric's answer; a metric this version cannot compute answers <see cref="MetricAnswer.NotAvailable"/>.</summary>
    public Task<MetricAnswer> ComputeAsync(MetricQuery query, CancellationToken cancellationToken) =>
        _metrics.GetOrAdd(query, q => new Lazy<Task<MetricAnswer>>(() => RunMetricAsync(q, cancellationToken))).Value;

    /// <summary>The four keys and the overall level for a scope (<paramref name="scope"/>'s metric is ignored).</summary>
    public Task<DoraResult> DoraAsync(MetricQuery scope, CancellationToken cancellationToken) =>
        _dora.GetOrAdd(scope with { Metric = Domain.Metrics.MetricCatalog.DeploymentFrequency },
            q => new Lazy<Task<DoraResult>>(() => RunDoraAsync(q, cancellationToken))).Value;

    private async Task<MetricAnswer> RunMetricAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Interlocked.Increment(ref _computed);
            return MetricAnswer.Of(await engine.ComputeAsync(query, cancellationToken).ConfigureAwait(false));
        }
        catch (MetricQueryException ex) when (ex.Parameter == "metric")
        {
            // E.g. "'nps' is not available in this version": the report says so instead of failing.
            return MetricAnswer.NotAvailable(ex.Reason);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<DoraResult> RunDoraAsync(MetricQuery scope, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Interlocked.Add(ref _computed, 4);
            return await dora.ComputeAsync(scope, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
