namespace Insights.Ingest.Http;

/// <summary>
/// A source answered "OK" with something that is not the JSON it documents: an HTML page (a login, proxy
/// or maintenance page), another content type, cut-off or malformed JSON, or more than a page can hold.
/// The part of the sync that asked fails with this message; its cursor stays.
/// </summary>
public sealed class SourceResponseException(string message) : Exception(message);
