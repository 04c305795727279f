using System.Diagnostics.Metrics;

namespace Insights.Ingest.Connectors;

/// <summary>Connector instruments (docs/operations.md): run durations, rows written, failures, quarantined items, rate-limit waits.</summary>
public sealed class ConnectorMetrics
{
    public const string MeterName = "Insights.Connectors";

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _rows;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _rateLimitWait;
    private readonly Counter<long> _quarantined;
    private readonly Counter<long> _failingParts;

    public ConnectorMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _duration = meter.CreateHistogram<double>("insights.jobs.sync.duration", "s", "Duration of one connector sync.");
        _rows = meter.CreateCounter<long>("insights.jobs.sync.rows", "{row}", "Events written by connector syncs.");
        _failures = meter.CreateCounter<long>("insights.jobs.sync.failures", "{run}", "Connector syncs that failed (and will be retried).");
        _rateLimitWait = meter.CreateHistogram<double>("insights.jobs.rate_limit.wait", "s", "Time spent waiting for a source's rate limit.");
        _quarantined = meter.CreateCounter<long>("insights.jobs.sync.quarantined", "{item}", "Vendor items a sync put in (or found still in) the quarantine.");
        _failingParts = meter.CreateCounter<long>("insights.jobs.sync.failing_parts", "{part}", "Parts of a source (repositories, queries, services) whose sync failed while the others went on.");
    }

    public void Completed(string connector, TimeSpan duration, int rows)
    {
        var tag = new KeyValuePair<string, object?>("connector", connector);
        _duration.Record(duration.TotalSeconds, tag);
        _rows.Add(rows, tag);
    }

    /// <summary>What a run left aside: items quarantined and parts that failed on their own.</summary>
    public void LeftAside(string connector, int quarantined, int failingParts)
    {
        var tag = new KeyValuePair<string, object?>("connector", connector);
        _quarantined.Add(quarantined, tag);
        _failingParts.Add(failingParts, tag);
    }

    public void Failed(string connector) => _failures.Add(1, new KeyValuePair<string, object?>("connector", connector));

    public void Waited(string connector, TimeSpan wait) =>
        _rateLimitWait.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("connector", connector));
}
