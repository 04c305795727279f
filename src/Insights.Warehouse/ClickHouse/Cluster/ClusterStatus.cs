namespace Insights.Warehouse.ClickHouse.Cluster;

/// <summary>
/// The cluster as one node sees it: problems stop writes or migrations (the server is not ready);
/// warnings leave it working with less redundancy (a replica down while its shard has another).
/// </summary>
public sealed record ClusterStatus(IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings);
