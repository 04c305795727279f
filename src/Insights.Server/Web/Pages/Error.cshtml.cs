using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Insights.Server.Web.Pages;

/// <summary>
/// The page every web error ends on (rendered by the status-code and exception middleware for the
/// request that failed): what happened in a sentence, never a stack trace, with the request's status.
/// </summary>
[IgnoreAntiforgeryToken] // It renders the answer to a refused form, whose token it must not check again.
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public void OnGet(int code) => Show(code);

    // A failed POST is re-executed as a POST: it gets the same page.
    public void OnPost(int code) => Show(code);

    private void Show(int code)
    {
        Code = code is >= 400 and <= 599 ? code : 404;
        Response.StatusCode = Code;

        var detail = HttpContext.Items[WebPageFilter.MessageKey] as string;
        (Title, Message) = Code switch
        {
            400 => ("The request could not be used", detail ?? "Something in the address or the form is not valid."),
            401 => ("Sign in first", detail ?? "This page needs a signed-in session."),
            403 => ("Not for your account", detail ?? "Your account's role does not include this page; ask an administrator if you need it."),
            404 => ("Not found", detail ?? "There is no page at this address."),
            405 => ("Not possible here", "This page does not take that kind of request."),
            503 => ("Temporarily unavailable", detail ?? "A database behind this page is not answering; try again shortly."),
            504 => ("Took too long", detail ?? "The warehouse did not answer in time; try a shorter range."),
            >= 500 => ("Something went wrong", "The server could not show this page. The error was logged; try again, and tell your administrator if it persists."),
            _ => ("The request could not be used", detail ?? "The server could not answer this request."),
        };
    }
}
