namespace Insights.Warehouse.ClickHouse;

/// <summary>Where the warehouse lives and how to talk to it (configuration section <c>ClickHouse</c>).</summary>
public sealed class ClickHouseOptions
{
    public const string Section = "ClickHouse";

    /// <summary>Base URL of the HTTP interface, e.g. <c>http://127.0.0.1:8123</c>.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8123";

    public string Database { get; set; } = "insights";

    /// <summary>
    /// The name of a cluster in the ClickHouse servers' <c>remote_servers</c> (e.g. <c>insights</c>), or
    /// empty for one server (the default). Set, the migrations create replicated tables on every node
    /// (<c>ON CLUSTER</c>) and <c>Distributed</c> tables under the usual names over them; reads and writes
    /// go through those (docs/adr/0006-cluster-sharding.md). <see cref="Url"/> is then any node of it.
    /// </summary>
    public string Cluster { get; set; } = "";

    /// <summary>Whether the warehouse is a cluster (<see cref="Cluster"/> set).</summary>
    public bool IsCluster => !string.IsNullOrWhiteSpace(Cluster);

    public string User { get; set; } = "default";

    public string Password { get; set; } = "";

    /// <summary>Client-side deadline and server-side <c>max_execution_time</c> of one query.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Server-side <c>max_memory_usage</c> of one read, in bytes; 0 leaves ClickHouse's own limit. A
    /// question that needs more fails with an error instead of starving ingest and other readers.
    /// </summary>
    public long MaxQueryMemoryBytes { get; set; }

    /// <summary>Deadline of one INSERT (bigger batches take longer than reads).</summary>
    public TimeSpan InsertTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// An HTTP session (set through <see cref="ClickHouseClient.WithSession"/>): its temporary tables
    /// live from one request to the next. Requests of one session must not overlap.
    /// </summary>
    internal string? SessionId { get; set; }
}
