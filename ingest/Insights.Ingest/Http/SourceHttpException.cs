using System.Net;

namespace Insights.Ingest.Http;

/// <summary>A source answered with an error; the run fails and is retried later from the same cursor.</summary>
public sealed class SourceHttpException(string source, HttpStatusCode status, string detail)
    : Exception($"{source} answered {(int)status} {status}: {Shorten(detail)}")
{
    public HttpStatusCode Status { get; } = status;

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
