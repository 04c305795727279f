namespace Insights.Server.Operations;

/// <summary>
/// Safe defaults on every response, unless the endpoint set its own (the survey page and widget have
/// their own Content-Security-Policy and framing rules; the jobs dashboard loads its own stylesheet and scripts).
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        // TRICKY: decided on the path as it arrives. The dashboard's branch moves /hangfire into PathBase, so
        // by the time its pages start their response Path is "/" (only its 401, sent after the branch, still
        // showed /hangfire) and the dashboard got the API's `default-src 'none'`.
        var dashboard = context.Request.Path.StartsWithSegments(Jobs.JobsServiceCollectionExtensions.DashboardPath);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
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
                ? Jobs.JobsServiceCollectionExtensions.DashboardContentSecurityPolicy
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
