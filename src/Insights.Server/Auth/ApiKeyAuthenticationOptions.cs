using Microsoft.AspNetCore.Authentication;

namespace Insights.Server.Auth;

public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    public const string Scheme = "ApiKey";

    /// <summary>The bootstrap admin key (from <c>INSIGHTS_ADMIN_KEY</c>); holds every scope.</summary>
    public string? AdminKey { get; set; }
}
