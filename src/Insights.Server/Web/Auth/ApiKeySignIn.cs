using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Insights.Server.Auth;
using Microsoft.Extensions.Options;

namespace Insights.Server.Web.Auth;

/// <summary>
/// The sign-in page's way in, for installations without an identity provider: an API key with the
/// <c>read</c> scope opens a viewer's session, one with <c>admin</c> an admin's. The key itself is not
/// kept in the session, only its id, so that revoking the key ends the session.
/// </summary>
public sealed class ApiKeySignIn(ApiKeyStore store, IOptionsMonitor<ApiKeyAuthenticationOptions> keys, TimeProvider clock)
{
    public async Task<(ClaimsPrincipal? Principal, string? Error)> SignInAsync(string? key, CancellationToken cancellationToken)
    {
        key = key?.Trim();
        if (string.IsNullOrEmpty(key))
        {
            return (null, "Enter an API key.");
        }

        if (key.Length > 200)
        {
            return (null, "That is not an API key of this server.");
        }

        ApiKeyPrincipal? holder;
        if (keys.Get(ApiKeyAuthenticationOptions.Scheme).AdminKey is { Length: > 0 } admin && FixedTimeEquals(key, admin))
        {
            holder = new ApiKeyPrincipal("bootstrap", "Administrator", Scopes.All);
        }
        else
        {
            holder = await store.FindAsync(key, cancellationToken);
        }

        if (holder is null)
        {
            return (null, "That key is not valid: it is unknown, revoked or expired.");
        }

        var role = holder.Scopes.Contains(Scopes.Admin) ? WebAuth.Admin
            : holder.Scopes.Contains(Scopes.Read) ? WebAuth.Viewer
            : null;
        if (role is null)
        {
            return (null, "That key can only push data (scope ingest); signing in needs a key with the read or admin scope.");
        }

        return (WebUser.Principal(holder.Name, role, [], "api-key", clock.GetUtcNow(), holder.Id), null);
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
