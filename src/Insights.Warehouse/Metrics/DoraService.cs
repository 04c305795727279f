using Insights.Domain.Metrics;

namespace Insights.Warehouse.Metrics;

/// <summary>
/// The four keys for one scope, each with its band, and the overall performance level: the lowest
/// band among the keys that could be rated (the weakest link).
/// </summary>
public sealed class DoraService(MetricEngine engine)
{
    public async Task<DoraResult> ComputeAsync(MetricQuery scope, CancellationToken cancellationToken = default)
    {
        var results = await Task.WhenAll(MetricCatalog.FourKeys.Select(metric =>
            engine.ComputeAsync(scope with { Metric = metric }, cancellationToken))).ConfigureAwait(false);
        return Combine(scope, results);
    }

    /// <summary>
    /// The summary from the four keys' answers for <paramref name="scope"/>, in
    /// <see cref="MetricCatalog.FourKeys"/> order (however they were asked: the weekly report takes them
    /// from answers for every team at once).
    /// </summary>
    public DoraResult Combine(MetricQuery scope, IReadOnlyList<MetricResult> results)
    {
        if (results.Count != MetricCatalog.FourKeys.Count || results.Where((r, i) => r.Metric != MetricCatalog.FourKeys[i].Name).Any())
        {
            throw new ArgumentException("Expected the four keys' answers in catalogue order.", nameof(results));
        }

        var benchmarkName = scope.Benchmark ?? engine.Options.DefaultBenchmark;
        Benchmark.TryGet(benchmarkName, out var benchmark);
        var rated = results.Where(r => r.Summary.Band is not null).ToList();
        // No deployment in the range: no level. The other keys may still hold a figure (a recovery from an
        // earlier deployment), but it cannot speak for a delivery that did not happen.
        var deployed = results[0].Summary.N > 0;
        var overall = !deployed || rated.Count == 0 ? (Band?)null : rated.Min(r => Enum.Parse<Band>(r.Summary.Band!, ignoreCase: true));
        return new DoraResult(
            scope.From,
            scope.To,
            results[0].Filters,
            benchmarkName,
            benchmark?.Title ?? benchmarkName,
            results.Select(r => new DoraKey(r.Metric, r.Title, r.Unit, r.Summary)).ToList(),
            new DoraOverall(
                overall?.ToString().ToLowerInvariant(),
                overall is null ? [] : rated.Where(r => r.Summary.Band == overall.Value.ToString().ToLowerInvariant()).Select(r => r.Metric).ToList(),
                results.Where(r => r.Summary.Band is null).Select(r => r.Metric).ToList()));
    }
}

public sealed record DoraResult(
    DateOnly From,
    DateOnly To,
    IReadOnlyDictionary<string, string> Filters,
    string Benchmark,
    string BenchmarkTitle,
    IReadOnlyList<DoraKey> Metrics,
    DoraOverall Overall);

public sealed record DoraKey(string Metric, string Title, string Unit, MetricValues Summary);

/// <param name="Band">The weakest rated key's band; null when deployment frequency could not be rated (no
/// deployment in the range) or no key could.</param>
/// <param name="LimitedBy">The keys at that band.</param>
/// <param name="NotRated">Keys without data in the range (e.g. no failed deployment to recover from).</param>
public sealed record DoraOverall(string? Band, IReadOnlyList<string> LimitedBy, IReadOnlyList<string> NotRated);
