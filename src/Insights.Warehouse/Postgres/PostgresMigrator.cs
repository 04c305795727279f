using System.Security.Cryptography;
using System.Text;
using Dapper;
using Insights.Warehouse.Sql;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Insights.Warehouse.Postgres;

/// <summary>
/// Applies <c>sql/postgres/NNNN_name.sql</c> once each, in order, each in its own transaction,
/// under an advisory lock so that instances starting together do not race.
/// </summary>
public sealed class PostgresMigrator(NpgsqlDataSource dataSource, ILogger<PostgresMigrator> logger)
{
    // An arbitrary constant that names this product's migration lock.
    private const long LockKey = 0x1A51_6475_0001;

    public static IReadOnlyList<(string Name, string Sql)> Migrations { get; } = SqlResources.List("postgres")
        .Select(p => (Path.GetFileNameWithoutExtension(p), SqlResources.Read(p)))
        .ToList();

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@LockKey)", new { LockKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations
                (
                    name       text PRIMARY KEY,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var applied = (await connection.QueryAsync<(string Name, string Checksum)>(
                    new CommandDefinition("SELECT name, checksum FROM schema_migrations", cancellationToken: cancellationToken)).ConfigureAwait(false))
                .ToDictionary(m => m.Name, m => m.Checksum, StringComparer.Ordinal);

            var done = new List<string>();
            foreach (var (name, sql) in Migrations)
            {
                var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
                if (applied.TryGetValue(name, out var existing))
                {
                    if (existing != checksum)
                    {
                        throw new InvalidOperationException($"PostgreSQL migration {name} changed after it was applied; add a new migration instead.");
                    }

                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_migrations (name, checksum) VALUES (@name, @checksum)",
                    new { name, checksum }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Applied PostgreSQL migration {Migration}", name);
                done.Add(name);
            }

            return done;
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@LockKey)", new { LockKey }, cancellationToken: CancellationToken.None)).ConfigureAwait(false);
        }
    }
}
