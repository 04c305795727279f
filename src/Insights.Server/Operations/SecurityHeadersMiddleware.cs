namespace Insights.Server.Operations;

/// <summary>
/// Safe defaults on every response, unless the endpoint set its own (the survey page and widget have
/// their own Content-Security-Policy and framing rules; the jobs dashboard needs its inline scripts).
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var dashboard = context.Request.Path.StartsWithSegments("/hangfire");
            SetIfMissing(headers, "X-Content-Type-Options", "nosniff");
            SetIfMissing(headers, "Referrer-Policy", "no-referrer");
            // A page that states its own frame-ancestors (the embeddable survey) decides its framing itself.
            if (!headers.ContentSecurityPolicy.ToString().Contains("frame-ancestors", StringComparison.Ordinal))
            {
                SetIfMissing(headers, "X-Frame-Options", "DENY");
            }

            SetIfMissing(headers, "Cross-Origin-Opener-Policy", "same-origin");
            SetIfMissing(headers, "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
            SetIfMissing(headers, "Content-Security-Policy", dashboard
                ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
                : "default-src 'none'; frame-ancestors 'none'");
            if (context.Request.IsHttps)
            {
                SetIfMissing(headers, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    private static void SetIfMissing(IHeaderDictionary headers, string name, string value)
    {
        if (!headers.ContainsKey(name))
        {
            headers[name] = value;
        }
    }
}
