using System.Security.Claims;

namespace Insights.Server.Web.Auth;

/// <summary>Who is signed in to the web app and what they may see.</summary>
public sealed class WebUser
{
    private readonly HashSet<string> _teams;

    private WebUser(string name, string role, IEnumerable<string> teams, string method)
    {
        Name = name;
        Role = role;
        Method = method;
        _teams = new HashSet<string>(teams, StringComparer.Ordinal);
    }

    public string Name { get; }

    public string Role { get; }

    public string Method { get; }

    public bool IsAdmin => Role == WebAuth.Admin;

    /// <summary>A viewer limited to some teams: organisation-wide pages show only their teams.</summary>
    public bool IsLimited => !IsAdmin && _teams.Count > 0;

    public IReadOnlyCollection<string> Teams => _teams;

    public bool CanSee(string team) => !IsLimited || _teams.Contains(team);

    public static WebUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirstValue(WebAuth.RoleClaim) is not { } role)
        {
            return null;
        }

        return new WebUser(
            principal.Identity.Name ?? "signed in",
            role,
            principal.FindAll(WebAuth.TeamClaim).Select(c => c.Value),
            principal.FindFirstValue(WebAuth.MethodClaim) ?? "");
    }

    /// <summary>The session's identity: name, role, teams, how and when it was opened.</summary>
    public static ClaimsPrincipal Principal(string name, string role, IEnumerable<string> teams, string method, DateTimeOffset signedInAt, string? keyId = null)
    {
        var identity = new ClaimsIdentity(WebAuth.CookieScheme, ClaimTypes.Name, WebAuth.RoleClaim);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        identity.AddClaim(new Claim(WebAuth.RoleClaim, role));
        identity.AddClaim(new Claim(WebAuth.MethodClaim, method));
        identity.AddClaim(new Claim(WebAuth.SignedInClaim, signedInAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (keyId is not null)
        {
            identity.AddClaim(new Claim(WebAuth.KeyIdClaim, keyId));
        }

        foreach (var team in teams.Distinct(StringComparer.Ordinal))
        {
            identity.AddClaim(new Claim(WebAuth.TeamClaim, team));
        }

        return new ClaimsPrincipal(identity);
    }
}
