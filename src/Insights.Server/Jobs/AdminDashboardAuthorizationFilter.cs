using Hangfire.Dashboard;
using Insights.Server.Auth;
using Insights.Server.Web.Auth;
using Microsoft.AspNetCore.Authentication;

namespace Insights.Server.Jobs;

/// <summary>
/// The Hangfire dashboard is for admins only: an admin's web session (the admin page links here), or
/// HTTP Basic authentication whose password is an admin API key (any user name); tools send the key as
/// a Bearer token.
/// </summary>
public sealed class AdminDashboardAuthorizationFilter : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (http.User.Identity?.IsAuthenticated == true && http.User.HasClaim(Scopes.ClaimType, Scopes.Admin))
        {
            return true;
        }

        var session = await http.AuthenticateAsync(WebAuth.CookieScheme);
        if (session.Principal is { } principal && WebUser.From(principal) is { IsAdmin: true })
        {
            return true;
        }

        // Ask the browser for credentials (Hangfire answers 401 without a challenge of its own).
        http.Response.Headers.WWWAuthenticate = "Basic realm=\"Platform Insights jobs (password: an admin API key)\"";
        return false;
    }
}
