using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Insights.Warehouse.Buffers;

namespace Insights.Ingest.Http;

/// <summary>
/// Reads a successful answer of a source as JSON, refusing what is not: more than <see cref="MaxBytes"/>,
/// an HTML page or another content type, JSON cut off or malformed, or nested deeper than
/// <see cref="MaxDepth"/>. Each refusal is a <see cref="SourceResponseException"/> that says which
/// request got what, so a connector error reads as the cause, not as a parser's complaint.
/// </summary>
public static partial class SourceResponse
{
    /// <summary>The most one answer may hold (a page of a hundred items is far less).</summary>
    public const int MaxBytes = 32 << 20;

    /// <summary>Deeper than vendors nest their documents (GitHub's deployment payload is the caller's own JSON).</summary>
    public const int MaxDepth = 256;

    public static JsonDocumentOptions ParseOptions { get; } = new() { MaxDepth = MaxDepth };

    public static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(body.WrittenMemory, ParseOptions);
        }
        catch (JsonException ex)
        {
            throw NotJson(response, ex, body.WrittenMemory.Span);
        }
    }

    /// <summary>Checks a body without keeping a parsed copy (for a client library that parses it itself).</summary>
    public static async Task<byte[]> ReadCheckedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        var bytes = body.WrittenMemory.ToArray();
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            throw NotJson(response, ex, bytes);
        }

        return bytes;
    }

    private static async Task<PooledBufferWriter> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is > MaxBytes)
        {
            throw TooLarge(response);
        }

        var buffer = new PooledBufferWriter(response.Content.Headers.ContentLength is > 0 and <= MaxBytes ? (int)response.Content.Headers.ContentLength : 64 * 1024);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await buffer.ReadFromAsync(stream, MaxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            buffer.Dispose();
            throw TooLarge(response);
        }
        catch (IOException ex)
        {
            buffer.Dispose();
            throw new SourceResponseException($"{Request(response)}: the answer was cut off after {buffer.WrittenCount} bytes ({ex.Message})");
        }

        if (response.Content.Headers.ContentType?.MediaType is { } type && !IsJson(type) && buffer.WrittenCount > 0)
        {
            var text = Encoding.UTF8.GetString(buffer.WrittenMemory.Span[..Math.Min(buffer.WrittenCount, 4096)]);
            buffer.Dispose();
            throw type.Contains("html", StringComparison.OrdinalIgnoreCase)
                ? new SourceResponseException($"{Request(response)} answered {(int)response.StatusCode} with an HTML page ({type}), not JSON: a login, proxy or maintenance page?{Title(text)}")
                : new SourceResponseException($"{Request(response)} answered {(int)response.StatusCode} with {type}, not JSON: '{Shorten(text)}'");
        }

        return buffer;
    }

    private static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    private static SourceResponseException NotJson(HttpResponseMessage response, JsonException ex, ReadOnlySpan<byte> body)
    {
        var where = $"line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}";
        var reason = ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
            ? $"JSON nested deeper than {MaxDepth} levels"
            : ex.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("incomplete", StringComparison.OrdinalIgnoreCase)
                ? $"JSON that ends early (cut off after {body.Length} bytes)"
                : $"malformed JSON ({where}: {ex.Message.Split(" LineNumber", 2)[0]})";
        return new SourceResponseException($"{Request(response)} answered {(int)response.StatusCode} with {reason}.");
    }

    private static SourceResponseException TooLarge(HttpResponseMessage response) =>
        new($"{Request(response)} answered with more than {MaxBytes >> 20} MiB, more than one page should hold; refused.");

    /// <summary><c>GET /rest/api/3/search/jql</c>: the request without its query (which may be long, or hold a JQL).</summary>
    private static string Request(HttpResponseMessage response) =>
        response.RequestMessage is { RequestUri: { } uri } request ? $"{request.Method} {uri.AbsolutePath}" : "The source";

    private static string Title(string html) =>
        TitleTag().Match(html) is { Success: true } match ? $" Its title: '{Shorten(System.Net.WebUtility.HtmlDecode(match.Groups[1].Value.Trim()))}'." : "";

    private static string Shorten(string text)
    {
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 120 ? text : text[..120] + "…";
    }

    [GeneratedRegex("<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TitleTag();
}
