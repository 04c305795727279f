using System.Net;
using System.Text.Json;

namespace Insights.Ingest.Http;

/// <summary>
/// A source answered with an error; the part of the sync that asked fails and is tried again next run from
/// the same cursor. The vendor's own words are pulled out of its error body (Jira's <c>errorMessages</c>,
/// PagerDuty's <c>error.message</c> and <c>error.errors</c>, GitHub's and Backstage's <c>message</c>).
/// </summary>
public sealed class SourceHttpException(string source, HttpStatusCode status, string detail, string? request = null)
    : Exception($"{source} answered {(int)status} {status}{(request is null ? "" : " to " + request)}: {Readable(detail)}")
{
    public HttpStatusCode Status { get; } = status;

    private static string Readable(string detail)
    {
        var said = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(detail);
            Collect(document.RootElement, said, 0);
        }
        catch (JsonException)
        {
            // Not JSON (an error page): its text, shortened, is all there is.
        }

        var text = said.Count > 0 ? string.Join("; ", said.Distinct(StringComparer.Ordinal)) : detail;
        return text.Length <= 300 ? text : text[..300] + "…";
    }

    private static void Collect(JsonElement element, List<string> said, int depth)
    {
        if (depth > 3 || element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name, property.Value.ValueKind)
            {
                case ("message" or "errorMessage", JsonValueKind.String):
                    said.Add(property.Value.GetString()!);
                    break;
                case ("errorMessages" or "errors", JsonValueKind.Array):
                    said.AddRange(property.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
                    break;
                case ("errors", JsonValueKind.Object):
                    said.AddRange(property.Value.EnumerateObject().Where(e => e.Value.ValueKind == JsonValueKind.String).Select(e => $"{e.Name}: {e.Value.GetString()}"));
                    break;
                case ("error", JsonValueKind.Object):
                    Collect(property.Value, said, depth + 1);
                    break;
                case ("error", JsonValueKind.String):
                    said.Add(property.Value.GetString()!);
                    break;
            }
        }
    }
}
