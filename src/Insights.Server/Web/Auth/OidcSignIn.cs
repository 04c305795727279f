using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Insights.Server.Web.Auth;

/// <summary>
/// Turns the identity provider's answer into a session: the person's name, their role from the
/// configured role claim (<c>admin</c> wins over <c>viewer</c>), and, for a viewer, the teams of the
/// configured team claim. Someone with neither role, or a viewer without the team claim when one is
/// configured, is refused with a page that says so.
/// </summary>
public static class OidcSignIn
{
    public const string NoRoleError = "no-role";

    public const string NoTeamError = "no-team";

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
        var limited = role == WebAuth.Viewer && !string.IsNullOrWhiteSpace(options.TeamClaim);
        var teams = limited ? Values(claims, options.TeamClaim!) : [];
        if (limited && teams.Count == 0)
        {
            // TRICKY: no team would mean no limit (every team); a provider that dropped the claim (e.g. a
            // group overage) must not widen what a viewer sees, so the sign-in is refused instead.
            context.Fail(NoTeamError);
            return Task.CompletedTask;
        }

        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        context.Principal = WebUser.Principal(name, role, teams, "oidc", now);
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
