using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Insights.Server.Web.Auth;

/// <summary>
/// Turns the identity provider's answer into a session: the person's name, their role from the
/// configured role claim (<c>admin</c> wins over <c>viewer</c>), and, for a viewer, the teams of the
/// configured team claim. Someone with neither role is refused with a page that says so.
/// </summary>
public static class OidcSignIn
{
    public const string NoRoleError = "no-role";

    public static Task OnTokenValidatedAsync(TokenValidatedContext context, WebOidcOptions options)
    {
        var claims = context.Principal?.Claims.ToList() ?? [];
        var roles = Values(claims, options.RoleClaim);
        var role = roles.Contains(options.AdminRole, StringComparer.Ordinal) ? WebAuth.Admin
            : roles.Contains(options.ViewerRole, StringComparer.Ordinal) ? WebAuth.Viewer
            : null;
        if (role is null)
        {
            context.Fail(NoRoleError);
            return Task.CompletedTask;
        }

        var name = First(claims, options.NameClaim) ?? First(claims, "preferred_username") ?? First(claims, "email") ?? First(claims, "sub") ?? "signed in";
        var teams = role == WebAuth.Viewer && !string.IsNullOrWhiteSpace(options.TeamClaim) ? Values(claims, options.TeamClaim) : [];
        context.Principal = WebUser.Principal(name, role, teams, "oidc");
        return Task.CompletedTask;
    }

    /// <summary>A claim's values, whether the provider sends one claim per value or one JSON array.</summary>
    private static List<string> Values(IEnumerable<Claim> claims, string type)
    {
        var values = new List<string>();
        foreach (var claim in claims.Where(c => c.Type == type))
        {
            var text = claim.Value.Trim();
            if (text.StartsWith('['))
            {
                try
                {
                    values.AddRange(JsonSerializer.Deserialize<string[]>(text) ?? []);
                    continue;
                }
                catch (JsonException)
                {
                    // Not an array after all: the value as it is.
                }
            }

            if (text.Length > 0)
            {
                values.Add(text);
            }
        }

        return values;
    }

    private static string? First(IEnumerable<Claim> claims, string type) =>
        claims.FirstOrDefault(c => c.Type == type && c.Value.Length > 0)?.Value;
}
