using Insights.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Insights.Server.Web.Auth;

/// <summary>
/// The session cookie's rules: a session opened with an API key ends when the key is revoked or
/// expires; no session outlives <see cref="MaxSessionAge"/>; a page that needs a sign-in sends the
/// browser to <c>/sign-in</c> (saying when a session had ended), and a role that may not see a page
/// gets the 403 page instead of a redirect.
/// </summary>
public sealed class WebCookieEvents : CookieAuthenticationEvents
{
    public static readonly TimeSpan MaxSessionAge = TimeSpan.FromDays(7);

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        // From the sign-in, not the cookie's IssuedUtc, which a sliding session renews on every refresh.
        var tooOld = principal?.FindFirst(WebAuth.SignedInClaim)?.Value is not { } signedIn
            || !long.TryParse(signedIn, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || now - DateTimeOffset.FromUnixTimeSeconds(seconds) > MaxSessionAge;
        var keyGone = false;
        if (principal?.FindFirst(WebAuth.KeyIdClaim)?.Value is { } keyId && Guid.TryParse(keyId, out var id))
        {
            var keys = context.HttpContext.RequestServices.GetRequiredService<ApiKeyStore>();
            keyGone = !await keys.IsActiveAsync(id, context.HttpContext.RequestAborted);
        }

        if (tooOld || keyGone || principal is null || WebUser.From(principal) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(WebAuth.CookieScheme);
        }
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        // A browser that still sends a session cookie had a session that is no longer valid.
        var ended = context.Request.Cookies.ContainsKey(WebAuth.CookieName);
        var target = context.RedirectUri + (ended ? "&ended=1" : string.Empty);
        context.Response.Redirect(target);
        return Task.CompletedTask;
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
