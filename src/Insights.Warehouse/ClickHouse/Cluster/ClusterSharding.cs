namespace Insights.Warehouse.ClickHouse.Cluster;

/// <summary>
/// Which shard each warehouse table's rows go to (docs/adr/0006-cluster-sharding.md). Every key is a
/// hash of columns of the table's sort key that are the same in every copy of an event, so all the
/// copies that one server would merge or collapse with <c>FINAL</c> lie on one shard: deduplication
/// behaves exactly as on one server. Where events are attributed to each other (a service's deployments
/// and incidents), they share the key, so that they also meet on one shard.
/// </summary>
public static class ClusterSharding
{
    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        // FINAL needs every copy of a deployment on one shard: service never changes between copies (ADR 0002).
        ["deployments"] = "cityHash64(service)",
        // Fed by a materialized view on each shard's deployments, so it follows them.
        ["deployment_firsts"] = "cityHash64(service)",
        // Beside their service's deployments; argMax is exact across shards should a copy change service.
        ["incidents"] = "cityHash64(service)",
        // id is "repository#number": every copy shares its repository.
        ["pull_requests"] = "cityHash64(repository)",
        ["engineers"] = "cityHash64(id)",
        ["provisioning_requests"] = "cityHash64(source, id)",
        ["services"] = "cityHash64(name)",
        // The team catalog: one row per team name, like services per service name.
        ["teams"] = "cityHash64(name)",
        ["nps_responses"] = "cityHash64(campaign, respondent)",
    };

    public static bool IsSharded(string table) => Keys.ContainsKey(table);

    /// <summary>The sharding expression of <paramref name="table"/>; a table without one is a mistake in a new migration.</summary>
    public static string KeyOf(string table) => Keys.TryGetValue(table, out var key)
        ? key
        : throw new InvalidOperationException(
            $"Table {table} has no sharding key for cluster mode: add one to {nameof(ClusterSharding)} (src/Insights.Warehouse/ClickHouse/Cluster/ClusterSharding.cs) " +
            "from columns of its sort key that never change between an event's copies.");
}
