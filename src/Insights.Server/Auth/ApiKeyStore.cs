using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace Insights.Server.Auth;

/// <summary>
/// API keys in PostgreSQL, stored as SHA-256 hashes. Lookups are cached briefly so that a busy
/// push stream does not hit PostgreSQL per request, and so that a PostgreSQL outage does not lock
/// out keys that were just in use (metric reads keep working; see docs/operations.md).
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource db, IMemoryCache cache, TimeProvider clock)
{
    public const string KeyPrefix = "pik_";
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Fallback = TimeSpan.FromHours(1);

    /// <summary>Creates a key and returns its secret, which is shown this once.</summary>
    /// <param name="expiresAt">When the key stops working (UTC); null: never.</param>
    public async Task<(ApiKeyInfo Info, string Secret)> CreateAsync(string name, IReadOnlyList<string> scopes, DateTime? expiresAt, CancellationToken cancellationToken)
    {
        var secret = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var info = new ApiKeyInfo(Guid.NewGuid(), name, secret[..(KeyPrefix.Length + 6)], scopes, clock.GetUtcNow().UtcDateTime, null, expiresAt);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO api_keys (id, name, key_hash, key_prefix, scopes, created_at, expires_at) VALUES (@Id, @Name, @Hash, @KeyPrefix, @Scopes, @CreatedAt, @ExpiresAt)",
            new { info.Id, info.Name, Hash = Hash(secret), info.KeyPrefix, Scopes = scopes.ToArray(), info.CreatedAt, info.ExpiresAt },
            cancellationToken: cancellationToken));
        return (info, secret);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM api_keys ORDER BY created_at",
            cancellationToken: cancellationToken));
        return rows.Select(r => new ApiKeyInfo(r.Id, r.Name, r.KeyPrefix, r.Scopes, r.CreatedAt, r.RevokedAt, r.ExpiresAt)).ToList();
    }

    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = now() WHERE id = @id AND revoked_at IS NULL", new { id }, cancellationToken: cancellationToken));
        // A web session opened with the key ends at its next request on this instance.
        cache.Remove("apikey-id:" + id.ToString("N"));
        return changed > 0;
    }

    /// <summary>
    /// Whether the key with this id still works (not revoked, not expired): a web session opened with a
    /// key ends with it. Cached like <see cref="FindAsync"/>, and trusted for an hour while PostgreSQL is down.
    /// </summary>
    public async Task<bool> IsActiveAsync(Guid id, CancellationToken cancellationToken)
    {
        var cacheKey = "apikey-id:" + id.ToString("N");
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(cacheKey, out CachedKey? cached) && now - cached!.At < Fresh)
        {
            return cached.UsableAt(now) is not null;
        }

        try
        {
            await using var connection = await db.OpenConnectionAsync(cancellationToken);
            var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
                $"SELECT {Columns} FROM api_keys WHERE id = @id", new { id }, cancellationToken: cancellationToken));
            var found = new CachedKey(row is null || row.RevokedAt is not null ? null : new ApiKeyPrincipal(row.Id.ToString(), row.Name, row.Scopes), row?.ExpiresAt, now);
            cache.Set(cacheKey, found, Fallback);
            return found.UsableAt(now) is not null;
        }
        catch (NpgsqlException) when (cached is not null)
        {
            return cached.UsableAt(now) is not null;
        }
    }

    /// <summary>The key's holder, or null when the key is unknown, revoked or expired.</summary>
    public async Task<ApiKeyPrincipal?> FindAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(KeyPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }

        var hash = Hash(secret);
        var cacheKey = "apikey:" + Convert.ToHexString(hash);
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(cacheKey, out CachedKey? cached) && now - cached!.At < Fresh)
        {
            return cached.UsableAt(now);
        }

        try
        {
            await using var connection = await db.OpenConnectionAsync(cancellationToken);
            var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
                $"SELECT {Columns} FROM api_keys WHERE key_hash = @hash",
                new { hash }, cancellationToken: cancellationToken));
            var principal = row is null || row.RevokedAt is not null ? null : new ApiKeyPrincipal(row.Id.ToString(), row.Name, row.Scopes);
            var found = new CachedKey(principal, row?.ExpiresAt, now);
            cache.Set(cacheKey, found, Fallback);
            return found.UsableAt(now);
        }
        catch (NpgsqlException) when (cached is not null)
        {
            // PostgreSQL is down: trust what it said within the last hour rather than lock everyone out
            // (an expiry it reported still applies).
            return cached.UsableAt(now);
        }
    }

    internal static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private const string Columns = "id, name, key_prefix AS KeyPrefix, scopes, created_at AS CreatedAt, revoked_at AS RevokedAt, expires_at AS ExpiresAt";

    /// <summary>What PostgreSQL said about a key, and when; its expiry is checked at every use, cached or not.</summary>
    private sealed record CachedKey(ApiKeyPrincipal? Principal, DateTime? ExpiresAt, DateTimeOffset At)
    {
        public ApiKeyPrincipal? UsableAt(DateTimeOffset now) => ExpiresAt is { } expires && now.UtcDateTime >= expires ? null : Principal;
    }

    private sealed class KeyRow
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = "";

        public string KeyPrefix { get; init; } = "";

        public string[] Scopes { get; init; } = [];

        public DateTime CreatedAt { get; init; }

        public DateTime? RevokedAt { get; init; }

        public DateTime? ExpiresAt { get; init; }
    }
}
