using Hangfire.Dashboard;
using Insights.Server.Auth;

namespace Insights.Server.Jobs;

/// <summary>
/// The Hangfire dashboard is for admins only. Browsers reach it with HTTP Basic authentication whose
/// password is an admin API key (any user name); tools send the key as a Bearer token.
/// </summary>
public sealed class AdminDashboardAuthorizationFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (http.User.Identity?.IsAuthenticated == true && http.User.HasClaim(Scopes.ClaimType, Scopes.Admin))
        {
            return true;
        }

        // Ask the browser for credentials (Hangfire answers 401 without a challenge of its own).
        http.Response.Headers.WWWAuthenticate = "Basic realm=\"Platform Insights jobs (password: an admin API key)\"";
        return false;
    }
}
