namespace Insights.Server.Web;

/// <summary>Endpoint metadata of the web app's pages and downloads: they answer errors with pages, not problem documents.</summary>
public sealed class WebPageMarker
{
    public static readonly WebPageMarker Instance = new();

    public static bool IsWebRequest(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is not null)
        {
            return endpoint.Metadata.GetMetadata<WebPageMarker>() is not null;
        }

        // No route matched: a browser gets the web app's "not found" page, anything else a problem document.
        return !context.Request.Path.StartsWithSegments("/api")
            && !context.Request.Path.StartsWithSegments("/hangfire")
            && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }
}
