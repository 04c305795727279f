using System.Text.Json.Serialization;

namespace Insights.Warehouse.ClickHouse.Cluster;

/// <summary>
/// Whether the configured cluster can hold the warehouse, in words that name the setting to change:
/// the cluster exists in the node's <c>remote_servers</c> and the node is one of it, ZooKeeper answers, and
/// every shard has a replica that answers. Run before migrating and by <c>/readyz</c>. Never falls back
/// to one server: a problem stops the migrations and makes the server not ready until it is fixed.
/// </summary>
public static class ClusterCheck
{
    /// <summary>Throws <see cref="ClusterProblemException"/> naming every problem found.</summary>
    public static async Task VerifyAsync(ClickHouseClient client, CancellationToken cancellationToken = default)
    {
        var status = await CheckAsync(client, cancellationToken).ConfigureAwait(false);
        if (status.Problems.Count > 0)
        {
            throw new ClusterProblemException(string.Join(" ", status.Problems));
        }
    }

    public static async Task<ClusterStatus> CheckAsync(ClickHouseClient warehouse, CancellationToken cancellationToken = default)
    {
        // The warehouse's database may not exist yet: every question here is about the system tables.
        var client = warehouse.WithDatabase("system");
        var options = client.Options;
        var cluster = options.Cluster;
        var problems = new List<string>();
        var warnings = new List<string>();
        List<ClusterNode> nodes;
        try
        {
            nodes = await client.QueryAsync<ClusterNode>(
                "SELECT cluster, shard_num, replica_num, host_name, port, is_local FROM system.clusters ORDER BY cluster, shard_num, replica_num",
                cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            return new ClusterStatus([$"The ClickHouse node at {options.Url} (ClickHouse:Url) does not answer: {ex.Message}. Start it, or point ClickHouse:Url at a node of cluster '{cluster}'."], []);
        }

        var members = nodes.Where(n => n.Cluster == cluster).ToList();
        if (members.Count == 0)
        {
            var known = nodes.Select(n => n.Cluster).Distinct(StringComparer.Ordinal).ToList();
            problems.Add($"ClickHouse:Cluster is '{cluster}', but the ClickHouse node at {options.Url} has no such cluster in its remote_servers " +
                $"({(known.Count == 0 ? "it has none" : "it has: " + string.Join(", ", known))}). Set ClickHouse:Cluster to the cluster's name, " +
                "or clear it for a single server.");
            return new ClusterStatus(problems, warnings);
        }

        if (!members.Any(n => n.IsLocal == 1))
        {
            problems.Add($"The ClickHouse node at {options.Url} (ClickHouse:Url) is not itself a node of cluster '{cluster}'; point ClickHouse:Url at one of " +
                string.Join(", ", members.Select(n => $"{n.HostName}:{n.Port} (TCP)")) + ".");
        }

        try
        {
            await client.QueryAsync<Dictionary<string, System.Text.Json.JsonElement>>("SELECT name FROM system.zookeeper WHERE path = '/' LIMIT 1", cancellationToken).ConfigureAwait(false);
        }
        catch (ClickHouseException ex)
        {
            problems.Add($"The ClickHouse node at {options.Url} cannot use ZooKeeper ({ex.ServerMessage}); replicated tables take no writes without it. " +
                "Start ZooKeeper, or correct the <zookeeper> section of the ClickHouse servers' configuration.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // TRICKY: a node whose ZooKeeper is down may hold this question until its own ZooKeeper timeout,
            // longer than a caller (readiness) waits: say what was asked instead of a bare "timeout".
            problems.Add($"The ClickHouse node at {options.Url} did not say in time whether it can use ZooKeeper: ZooKeeper may be down or slow, " +
                "and replicated tables take no writes without it. Check ZooKeeper, and the <zookeeper> section of the ClickHouse servers' configuration.");
            return new ClusterStatus(problems, warnings);
        }

        foreach (var shard in members.GroupBy(n => n.ShardNum))
        {
            var down = new List<string>();
            foreach (var replica in shard)
            {
                if (await AnswersAsync(client, replica, cancellationToken).ConfigureAwait(false) is { } error)
                {
                    down.Add($"{replica.HostName}:{replica.Port} ({error})");
                }
            }

            if (down.Count == shard.Count())
            {
                problems.Add($"Shard {shard.Key} of cluster '{cluster}' has no replica that answers: {string.Join(", ", down)}. " +
                    "Start it, or correct remote_servers in the ClickHouse servers' configuration.");
            }
            else if (down.Count > 0)
            {
                warnings.Add($"Shard {shard.Key} of cluster '{cluster}' is served by its other replicas; not answering: {string.Join(", ", down)}.");
            }
        }

        return new ClusterStatus(problems, warnings);
    }

    private static async Task<string?> AnswersAsync(ClickHouseClient client, ClusterNode node, CancellationToken cancellationToken)
    {
        try
        {
            var address = SqlLiteral.String($"{node.HostName}:{node.Port}");
            await client.QueryAsync<Dictionary<string, System.Text.Json.JsonElement>>(
                $"SELECT dummy FROM remote({address}, system.one, {SqlLiteral.String(client.Options.User)}, {SqlLiteral.String(client.Options.Password)})",
                cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (ClickHouseException ex)
        {
            var message = ex.ServerMessage;
            return message.Length > 160 ? message[..160] + "…" : message;
        }
    }

    private sealed record ClusterNode(
        string Cluster,
        [property: JsonPropertyName("shard_num")] uint ShardNum,
        [property: JsonPropertyName("replica_num")] uint ReplicaNum,
        [property: JsonPropertyName("host_name")] string HostName,
        ushort Port,
        [property: JsonPropertyName("is_local")] byte IsLocal);
}
