namespace Insights.Server.Auth;

/// <summary>
/// What a new API key must be, for the API (POST /api/v1/keys) and the admin page alike: a name of at
/// most 200 characters, at least one known scope, an expiry (whole seconds) in the future or none.
/// </summary>
public static class NewApiKeyRules
{
    public const int MaxNameLength = 200;

    /// <summary>The field at fault and why (the reason completes "name …"), or null when the key may be created.</summary>
    public static (string Field, string Reason)? Check(string? name, IReadOnlyCollection<string>? scopes, DateTime? expiresAt, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return ("name", "is required.");
        }

        if (name.Trim().Length > MaxNameLength)
        {
            return ("name", $"is longer than {MaxNameLength} characters.");
        }

        if (scopes is not { Count: > 0 })
        {
            return ("scopes", $"must list at least one of {string.Join(", ", Scopes.All)}.");
        }

        if (scopes.FirstOrDefault(s => !Scopes.IsKnown(s)) is { } unknown)
        {
            return ("scopes", $"has '{unknown}', which is not one of {string.Join(", ", Scopes.All)}.");
        }

        return expiresAt <= now ? ("expires_at", "must be in the future.") : null;
    }
}
