using Insights.Server.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Insights.Server.Web.Pages;

/// <summary>Sends the browser to the identity provider (a link, not a form: the CSP's form-action stays 'self').</summary>
public sealed class SignInOidcModel(IOptions<WebOptions> options) : PageModel
{
    public IActionResult OnGet([FromQuery] string? returnUrl)
    {
        if (!options.Value.Oidc.Enabled)
        {
            return WebPageFilter.Error(HttpContext, StatusCodes.Status404NotFound, "Sign-in with an identity provider is not configured on this server; sign in with an API key.");
        }

        var target = returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) && !returnUrl.StartsWith("/sign-", StringComparison.Ordinal) ? returnUrl : "/";
        return Challenge(new AuthenticationProperties { RedirectUri = target }, WebAuth.OidcScheme);
    }
}
