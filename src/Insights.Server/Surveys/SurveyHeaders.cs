namespace Insights.Server.Surveys;

/// <summary>
/// The security headers of the respondent pages and the cross-origin rules of the survey endpoints.
/// Only the survey routes get them: the API-key endpoints keep no CORS headers at all.
/// </summary>
public static class SurveyHeaders
{
    /// <summary>A strict policy: nothing but this server's own stylesheet, script and endpoints; no inline code.</summary>
    public static void ApplyPage(HttpResponse response, bool embed, SurveyOptions options)
    {
        var ancestors = !embed ? "'none'" : options.EmbedOrigins.Count == 0 ? "*" : string.Join(' ', options.EmbedOrigins);
        var headers = response.Headers;
        headers.ContentSecurityPolicy =
            $"default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors {ancestors}";
        if (!embed)
        {
            headers.XFrameOptions = "DENY";
        }

        headers.XContentTypeOptions = "nosniff";
        // The link is the respondent's credential: never send it on as a referrer, never cache the page.
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
    }

    /// <summary>Lets a page on an allowed origin post answers from the browser (no credentials: the link is the credential).</summary>
    public static void ApplyCors(HttpContext context, SurveyOptions options)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || !IsAllowed(origin, options))
        {
            return;
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.Vary = "Origin";
        headers.AccessControlAllowMethods = "POST";
        headers.AccessControlAllowHeaders = "Content-Type";
        headers.AccessControlMaxAge = "600";
    }

    public static bool IsAllowed(string origin, SurveyOptions options) =>
        options.EmbedOrigins.Count == 0 || options.EmbedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
}
