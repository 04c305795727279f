namespace Insights.Server.Auth;

/// <summary>A stored key as listed to admins; the secret itself is never kept.</summary>
/// <param name="ExpiresAt">When the key stops working; null: never.</param>
public sealed record ApiKeyInfo(Guid Id, string Name, string KeyPrefix, IReadOnlyList<string> Scopes, DateTime CreatedAt, DateTime? RevokedAt, DateTime? ExpiresAt);
