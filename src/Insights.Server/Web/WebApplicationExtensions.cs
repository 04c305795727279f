using Insights.Server.Web.Auth;

namespace Insights.Server.Web;

public static class WebApplicationExtensions
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
                context.Response.Headers.CacheControl = "no-store";
                return next(context);
            });
            web.UseExceptionHandler("/error/500");
            web.UseStatusCodePagesWithReExecute("/error/{0}");
            // TRICKY: routing ran before this branch; a re-executed request (/error/404) must be routed again.
            web.UseRouting();
        });

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
