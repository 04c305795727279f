using System.Globalization;
using System.Text.RegularExpressions;
using Insights.Server.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Insights.Server.Web;

public static partial class WebApplicationExtensions
{
    /// <summary>The CSP of every page: this server's stylesheet, inline SVG, forms to this server; no script at all.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>
    /// For the web app's requests only: an error or an empty 4xx/5xx becomes the error page (the API
    /// keeps its problem documents), pages carry their CSP and are never cached.
    /// </summary>
    public static IApplicationBuilder UseInsightsWebErrors(this IApplicationBuilder app) =>
        app.UseWhen(WebPageMarker.IsWebRequest, web =>
        {
            web.Use((context, next) =>
            {
                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                // As antiforgery sets it on pages with a form (every page: sign-out), so that it need not override it.
                context.Response.Headers.CacheControl = "no-cache, no-store";
                context.Response.Headers.Pragma = "no-cache";
                return next(context);
            });
            web.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = context => ErrorPageAsync(context, StatusCodes.Status500InternalServerError) });
            web.UseStatusCodePages(status => ErrorPageAsync(status.HttpContext, status.HttpContext.Response.StatusCode));
        });

    /// <summary>What the rate limiter counts a web session's requests under (<see cref="UseInsightsWebSessions"/>).</summary>
    public const string RateLimitPartitionKey = "insights.web.rate-limit-partition";

    /// <summary>
    /// Before the rate limiter, for a browser that sends the session cookie and no key: its session is read
    /// once, so that (1) the rate limiter counts the session's requests as its own, not as its IP address's
    /// (a whole company behind one proxy would share the anonymous allowance), and (2) a report's API address
    /// (its <c>pdf_url</c>, <c>/api/v1/reports/{id}.pdf</c>) opens the web app's copy of the PDF with the
    /// session — an admin's; a viewer's gets the page that says reports are for admins — instead of a Basic
    /// prompt. A request with a key, and every signed download link, is the API's as before.
    /// </summary>
    public static IApplicationBuilder UseInsightsWebSessions(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var report = ReportPdfPath().Match(request.Path.Value ?? "");
            if (request.Cookies.ContainsKey(WebAuth.CookieName)
                && !request.Headers.ContainsKey("Authorization")
                && !request.Headers.ContainsKey("X-Api-Key")
                && (report.Success || WebPageMarker.IsWebRequest(context))
                && await context.AuthenticateAsync(WebAuth.CookieScheme) is { Succeeded: true } session
                && WebUser.From(session.Principal!) is not null)
            {
                var principal = session.Principal!;
                context.Items[RateLimitPartitionKey] = "web:" + (principal.FindFirst(WebAuth.KeyIdClaim)?.Value
                    ?? principal.FindFirst(WebAuth.MethodClaim)?.Value + ":" + principal.Identity?.Name);
                if (report.Success && HttpMethods.IsGet(request.Method))
                {
                    context.Response.Redirect($"/reports/{report.Groups[1].Value}.pdf");
                    return;
                }
            }

            await next(context);
        });

    [GeneratedRegex("^/api/v1/reports/([0-9a-fA-F-]{36})\\.pdf$")]
    private static partial Regex ReportPdfPath();

    /// <summary>
    /// Renders the error page (Pages/Error) for the request as it is: its endpoint is invoked directly.
    /// TRICKY: not a re-execution — a branch of the pipeline has its own, empty, routing world, so a
    /// re-executed /error/404 would find no endpoint.
    /// </summary>
    private static Task ErrorPageAsync(HttpContext context, int status)
    {
        var endpoint = context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
            .First(e => e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath == "/Error");
        context.Response.StatusCode = status;
        context.SetEndpoint(endpoint);
        context.Request.RouteValues = new RouteValueDictionary { ["page"] = "/Error", ["code"] = status.ToString(CultureInfo.InvariantCulture) };
        return endpoint.RequestDelegate!(context);
    }

    private const string Icon =
        """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#102a43"/><path d="M3 12V9M6.5 12V6M10 12V8M13 12V4" stroke="#fff" stroke-width="2"/></svg>""";

    public static IEndpointRouteBuilder MapInsightsWeb(this IEndpointRouteBuilder app)
    {
        app.MapGet("/web/app.css", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return TypedResults.Bytes(WebAssets.Stylesheet, "text/css; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/web/icon.svg", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=86400";
            return TypedResults.Text(Icon, "image/svg+xml");
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }
}
