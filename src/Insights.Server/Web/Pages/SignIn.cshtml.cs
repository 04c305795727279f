using Insights.Server.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Insights.Server.Web.Pages;

/// <summary>Sign-in: with the company's identity provider when one is configured, or with an API key (an input named <c>key</c>).</summary>
public sealed class SignInModel(ApiKeySignIn keys, IOptions<WebOptions> options) : PageModel
{
    public string? Message { get; private set; }

    public bool IsError { get; private set; }

    /// <summary>The provider's name on the button; null without one.</summary>
    public string? Oidc => options.Value.Oidc.Enabled ? options.Value.Oidc.DisplayName : null;

    public string OidcUrl => "/sign-in/oidc?returnUrl=" + Uri.EscapeDataString(ReturnUrl);

    public string PostUrl => "/sign-in?returnUrl=" + Uri.EscapeDataString(ReturnUrl);

    [FromQuery(Name = "returnUrl")]
    public string? RequestedReturnUrl { get; set; }

    /// <summary>Where to go after signing in: a local path only (never another site).</summary>
    public string ReturnUrl => RequestedReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) && !url.StartsWith("/sign-", StringComparison.Ordinal) ? url : "/";

    public IActionResult OnGet([FromQuery] string? ended, [FromQuery] string? failed, [FromQuery(Name = "signed-out")] string? signedOut)
    {
        if (WebUser.From(User) is not null && failed is null)
        {
            return LocalRedirect(ReturnUrl);
        }

        (Message, IsError) = (ended, failed, signedOut) switch
        {
            (_, OidcSignIn.NoRoleError, _) => ("Your account signed in, but it has no role for Platform Insights (viewer or admin). Ask an administrator to grant one.", true),
            (_, OidcSignIn.NoTeamError, _) => ("Your account signed in as a viewer, but the identity provider sent no team for it, so the pages cannot tell which teams you may see. Ask an administrator.", true),
            (_, { }, _) => ("Signing in with your company account did not succeed. Try again, or sign in with an API key.", true),
            ({ }, _, _) => ("Your session has ended (it expired, was signed out elsewhere, or its key was revoked). Sign in again.", false),
            (_, _, { }) => ("You are signed out.", false),
            _ => (null, false),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? key, CancellationToken ct)
    {
        var (principal, error) = await keys.SignInAsync(key, ct);
        if (principal is null)
        {
            (Message, IsError) = (error, true);
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(WebAuth.CookieScheme, principal, new AuthenticationProperties { IsPersistent = false });
        return LocalRedirect(ReturnUrl);
    }
}
