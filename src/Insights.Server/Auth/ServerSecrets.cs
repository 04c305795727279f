using System.Collections.Concurrent;
using System.Security.Cryptography;
using Dapper;
using Npgsql;

namespace Insights.Server.Auth;

/// <summary>
/// Keys the server makes for itself (PostgreSQL <c>server_secrets</c>): each is generated once, by the
/// first instance that needs it, and read by every instance on the same database, so that a cursor one
/// instance signs is accepted by another behind the same load balancer, and after a restart.
/// </summary>
public sealed class ServerSecrets(NpgsqlDataSource db)
{
    private const int KeyBytes = 32;

    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> _keys = new(StringComparer.Ordinal);

    public async Task<byte[]> GetAsync(string name, CancellationToken cancellationToken)
    {
        var key = _keys.GetOrAdd(name, n => new Lazy<Task<byte[]>>(() => LoadAsync(n)));
        try
        {
            return await key.Value.WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // Not cached: PostgreSQL may be back for the next request.
            _keys.TryRemove(new KeyValuePair<string, Lazy<Task<byte[]>>>(name, key));
            throw;
        }
    }

    private async Task<byte[]> LoadAsync(string name)
    {
        await using var connection = await db.OpenConnectionAsync();
        // Instances starting together race here; the first insert wins and everyone reads it back.
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO server_secrets (name, secret) VALUES (@name, @secret) ON CONFLICT (name) DO NOTHING",
            new { name, secret = RandomNumberGenerator.GetBytes(KeyBytes) }));
        return await connection.ExecuteScalarAsync<byte[]>(new CommandDefinition("SELECT secret FROM server_secrets WHERE name = @name", new { name }))
            ?? throw new InvalidOperationException($"The server secret '{name}' could not be read back from PostgreSQL.");
    }
}
