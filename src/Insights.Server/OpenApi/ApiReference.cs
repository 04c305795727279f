using Swashbuckle.AspNetCore.SwaggerUI;

namespace Insights.Server.OpenApi;

/// <summary>
/// The API reference at <c>/docs</c>: Swagger UI, served from the server itself (no CDN), over the OpenAPI
/// document at <c>/openapi/v1.json</c>, under a Content-Security-Policy that allows exactly what it loads.
/// </summary>
public static class ApiReference
{
    public const string Path = "/docs";
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>
    /// Its own stylesheets and scripts (no inline script, no eval), the document and requests tried from the page
    /// (same origin), and the images its stylesheet draws as data: URLs. The one inline style element Swagger UI's
    /// bundle adds is allowed by its hash (Swashbuckle.AspNetCore.SwaggerUI 11.0.1; ApiReferenceBrowserTests
    /// fails when an upgrade changes it).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static IServiceCollection AddInsightsOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddOperationTransformer<ApiOperationTransformer>();
            o.AddDocumentTransformer<ApiDocumentTransformer>();
        });

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // The policy is set before Swagger UI answers, so SecurityHeadersMiddleware keeps it.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(Path),
            branch => branch.Use((context, next) =>
            {
                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                return next(context);
            }));
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = Path.TrimStart('/');
            ui.DocumentTitle = "Platform Insights API";
            ui.SwaggerEndpoint(DocumentPath, "Platform Insights API v1");
            ui.ConfigObject.ValidatorUrl = null;
            ui.DisplayRequestDuration();
        });
        return app;
    }
}
