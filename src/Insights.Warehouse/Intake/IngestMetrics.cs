using System.Diagnostics.Metrics;

namespace Insights.Warehouse.Intake;

/// <summary>The ingest path's OpenTelemetry instruments (listed in docs/operations.md).</summary>
public sealed class IngestMetrics
{
    public const string MeterName = "Insights.Ingest";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _flushedRows;
    private readonly Counter<long> _flushFailures;
    private readonly Histogram<double> _flushLatency;

    public IngestMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _accepted = Meter.CreateCounter<long>("insights.ingest.events.accepted", "{event}", "Events acknowledged by the push API and webhooks.");
        _rejected = Meter.CreateCounter<long>("insights.ingest.events.rejected", "{event}", "Pushed items rejected by validation.");
        _flushedRows = Meter.CreateCounter<long>("insights.ingest.flush.rows", "{row}", "Rows moved from the spool into ClickHouse.");
        _flushFailures = Meter.CreateCounter<long>("insights.ingest.flush.failures", "{failure}", "Spool segments ClickHouse did not take (retried).");
        _flushLatency = Meter.CreateHistogram<double>("insights.ingest.flush.duration", "s", "Time to insert one spool segment into ClickHouse.");
    }

    public Meter Meter { get; }

    public void Accepted(string kind, int count) => _accepted.Add(count, new KeyValuePair<string, object?>("kind", kind));

    public void Rejected(string kind, int count) => _rejected.Add(count, new KeyValuePair<string, object?>("kind", kind));

    public void Flushed(string table, int rows, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("table", table);
        _flushedRows.Add(rows, tag);
        _flushLatency.Record(elapsed.TotalSeconds, tag);
    }

    public void FlushFailed(string table) => _flushFailures.Add(1, new KeyValuePair<string, object?>("table", table));
}
