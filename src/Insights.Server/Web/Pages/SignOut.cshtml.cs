using Insights.Server.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Insights.Server.Web.Pages;

/// <summary>Ends the session on this server (the identity provider's own session is left alone).</summary>
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(WebAuth.CookieScheme);
        return Redirect("/sign-in?signed-out=1");
    }
}
