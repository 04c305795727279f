using System.Security.Cryptography;
using System.Text;
using Insights.Warehouse.ClickHouse.Cluster;
using Insights.Warehouse.Sql;
using Microsoft.Extensions.Logging;

namespace Insights.Warehouse.ClickHouse;

/// <summary>
/// Applies <c>sql/clickhouse/NNNN_name.sql</c> in order, once each, recording them in
/// <c>schema_migrations</c>. Forward-only: a file changed after it was applied is an error,
/// because the warehouse already holds the old version's shape. In cluster mode
/// (<see cref="ClickHouseOptions.Cluster"/>) it first checks the cluster (<see cref="ClusterCheck"/>), then
/// applies each statement in its cluster form (<see cref="ClusterDdl"/>) on every node; the record of
/// applied migrations is one table replicated to every node, so any node answers it.
/// </summary>
public sealed class ClickHouseMigrator(ClickHouseClient client, ILogger<ClickHouseMigrator> logger)
{
    private const string Folder = "clickhouse";

    public static IReadOnlyList<Migration> Migrations { get; } = SqlResources.List(Folder)
        .Where(p => char.IsAsciiDigit(Path.GetFileName(p)[0]))
        .Select(p => new Migration(Path.GetFileNameWithoutExtension(p), SqlResources.Read(p)))
        .ToList();

    /// <returns>The names of the migrations applied by this call.</returns>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var database = SqlLiteral.Identifier(client.Database);
        var cluster = client.Options.IsCluster ? client.Options.Cluster : null;
        if (cluster is not null)
        {
            await ClusterCheck.VerifyAsync(client, cancellationToken).ConfigureAwait(false);
        }

        var onCluster = cluster is null ? string.Empty : $" ON CLUSTER {SqlLiteral.Identifier(cluster)}";
        await client.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {database}{onCluster}", cancellationToken, useDatabase: false).ConfigureAwait(false);
        var engine = cluster is null
            ? "MergeTree"
            : $"ReplicatedMergeTree({SqlLiteral.String(ClusterDdl.ReplicaPath(cluster, client.Database, "schema_migrations", perShard: false))}, '{{replica}}')";
        await client.ExecuteAsync(
            $"""
            CREATE TABLE IF NOT EXISTS {database}.schema_migrations{onCluster}
            (
                name String,
                checksum String,
                applied_at DateTime('UTC')
            )
            ENGINE = {engine} ORDER BY name
            """, cancellationToken).ConfigureAwait(false);
        if (cluster is not null)
        {
            // What another server recorded through another node may still be on its way to this one.
            await client.ExecuteAsync("SYSTEM SYNC REPLICA schema_migrations", cancellationToken).ConfigureAwait(false);
        }

        var applied = (await client.QueryAsync<AppliedMigration>(
                "SELECT name, any(checksum) AS checksum FROM schema_migrations GROUP BY name", cancellationToken).ConfigureAwait(false))
            .ToDictionary(m => m.Name, m => m.Checksum, StringComparer.Ordinal);

        var done = new List<string>();
        foreach (var migration in Migrations)
        {
            if (applied.TryGetValue(migration.Name, out var checksum))
            {
                if (checksum != migration.Checksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {migration.Name} changed after it was applied to {client.Database}; add a new migration instead.");
                }

                continue;
            }

            foreach (var statement in SqlStatements.Split(migration.Sql))
            {
                foreach (var form in cluster is null ? [statement] : ClusterDdl.Translate(statement, client.Database, cluster))
                {
                    await client.ExecuteAsync(form, cancellationToken).ConfigureAwait(false);
                }
            }

            await client.ExecuteAsync(
                $"INSERT INTO schema_migrations (name, checksum, applied_at) VALUES ({SqlLiteral.String(migration.Name)}, {SqlLiteral.String(migration.Checksum)}, now())",
                cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Applied ClickHouse migration {Migration} to {Database}", migration.Name, client.Database);
            done.Add(migration.Name);
        }

        return done;
    }

    /// <summary>The schema as the server reports it: one <c>SHOW CREATE TABLE</c> per table, in name order.</summary>
    public async Task<string> DumpSchemaAsync(CancellationToken cancellationToken = default)
    {
        var tables = await client.QueryAsync<TableName>(
            $"SELECT name FROM system.tables WHERE database = {SqlLiteral.String(client.Database)} AND name != 'schema_migrations' ORDER BY name",
            cancellationToken).ConfigureAwait(false);
        var dump = new StringBuilder("-- Generated from the migrations; do not edit. Refresh: see docs/development.md.\n");
        foreach (var table in tables)
        {
            var create = await client.QueryScalarAsync<string>($"SHOW CREATE TABLE {SqlLiteral.Identifier(table.Name)}", cancellationToken).ConfigureAwait(false);
            var text = (create ?? string.Empty)
                .Replace($"{client.Database}.", string.Empty, StringComparison.Ordinal)
                // Cluster mode names the database in replica paths and Distributed engines.
                .Replace($"/{client.Database}/", "/{database}/", StringComparison.Ordinal)
                .Replace($", {client.Database}, ", ", {database}, ", StringComparison.Ordinal)
                .Replace("( ", "(\n    ", StringComparison.Ordinal)
                .Replace(",  ", ",\n    ", StringComparison.Ordinal)
                .Replace(") ENGINE", "\n) ENGINE", StringComparison.Ordinal)
                .Replace(" PARTITION BY", "\nPARTITION BY", StringComparison.Ordinal)
                .Replace(" ORDER BY", "\nORDER BY", StringComparison.Ordinal)
                .Replace(" SETTINGS", "\nSETTINGS", StringComparison.Ordinal);
            dump.Append('\n').Append(text).Append(";\n");
        }

        return dump.ToString();
    }

    public sealed record Migration(string Name, string Sql)
    {
        public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
    }

    private sealed record AppliedMigration(string Name, string Checksum);

    private sealed record TableName(string Name);
}
