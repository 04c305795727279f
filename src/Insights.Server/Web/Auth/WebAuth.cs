namespace Insights.Server.Web.Auth;

/// <summary>The web app's authentication names: its schemes, claims, roles and policies.</summary>
public static class WebAuth
{
    /// <summary>The session cookie's scheme (API requests never read it: they keep their key).</summary>
    public const string CookieScheme = "InsightsWeb";

    public const string OidcScheme = "Oidc";

    public const string CookieName = "insights.session";

    public const string RoleClaim = "insights_role";

    /// <summary>A team a viewer is limited to; none: every team.</summary>
    public const string TeamClaim = "insights_team";

    /// <summary>How the session was opened: <c>api-key</c> or <c>oidc</c>.</summary>
    public const string MethodClaim = "insights_method";

    /// <summary>The id of the API key a session was opened with (<c>bootstrap</c> for the admin key).</summary>
    public const string KeyIdClaim = "insights_key";

    /// <summary>
    /// When the session was opened (Unix seconds). Not the cookie's issue time: a sliding cookie is issued
    /// anew on each refresh, and the session's age cap must count from the sign-in.
    /// </summary>
    public const string SignedInClaim = "insights_signed_in";

    public const string Viewer = "viewer";

    public const string Admin = "admin";

    /// <summary>Signed in, any role.</summary>
    public const string ViewerPolicy = "web-viewer";

    public const string AdminPolicy = "web-admin";
}
