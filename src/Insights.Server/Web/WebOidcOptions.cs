namespace Insights.Server.Web;

/// <summary>
/// OpenID Connect sign-in (authorization code flow with PKCE). The provider says who someone is; the
/// role claim says what they may do, and the optional team claim limits a viewer to their teams.
/// </summary>
public sealed class WebOidcOptions
{
    /// <summary>The issuer (its <c>/.well-known/openid-configuration</c> is read at start).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The environment variable holding <see cref="ClientSecret"/> (the YAML file names a variable, never the secret).</summary>
    public string? ClientSecretEnvironmentVariable { get; set; }

    /// <summary>Shown on the sign-in button: "Sign in with …".</summary>
    public string DisplayName { get; set; } = "your company account";

    /// <summary>The claim whose values name roles (several values or a JSON array are fine).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The role claim value that makes someone an admin.</summary>
    public string AdminRole { get; set; } = "admin";

    /// <summary>The role claim value that makes someone a viewer.</summary>
    public string ViewerRole { get; set; } = "viewer";

    /// <summary>A claim naming the teams a viewer may see; a viewer without it is refused (never widened to every team). Empty: no limit for anyone.</summary>
    public string? TeamClaim { get; set; }

    /// <summary>The claim shown as the signed-in person's name.</summary>
    public string NameClaim { get; set; } = "name";

    /// <summary>Scopes asked for besides <c>openid profile</c> (e.g. <c>roles</c>, <c>groups</c>).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Off only for a provider on plain HTTP in a test set-up.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    public string? EffectiveClientSecret =>
        !string.IsNullOrEmpty(ClientSecret) ? ClientSecret
        : ClientSecretEnvironmentVariable is { Length: > 0 } name ? Environment.GetEnvironmentVariable(name)
        : null;
}
