namespace Insights.Warehouse.Intake;

/// <summary>The durable ingest spool (configuration section <c>Spool</c>).</summary>
public sealed class SpoolOptions
{
    public const string Section = "Spool";

    /// <summary>Folder of this instance's spool; never shared by two running instances.</summary>
    public string Path { get; set; } = ".data/spool";

    /// <summary>When the spool holds this much, pushes are refused with 503 + Retry-After.</summary>
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>A segment is sealed for flushing at this size…</summary>
    public long SegmentBytes { get; set; } = 16L << 20;

    /// <summary>…or at this age, whichever comes first.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between retries while ClickHouse refuses inserts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a graceful stop waits for the spool to drain into ClickHouse.</summary>
    public TimeSpan DrainOnStop { get; set; } = TimeSpan.FromSeconds(20);
}
