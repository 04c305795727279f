namespace Insights.Server.Web;

/// <summary>The web app's settings (configuration section <c>Web</c>, YAML <c>web:</c>; docs/web.md).</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>How long a session lasts without a request (sliding); a sign-in never outlives 7 days.</summary>
    public int SessionHours { get; set; } = 8;

    /// <summary>Sign-in with a company's identity provider; off while <see cref="WebOidcOptions.Authority"/> is empty.</summary>
    public WebOidcOptions Oidc { get; set; } = new();
}
