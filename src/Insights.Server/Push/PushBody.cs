using System.Text;
using System.Text.Json;
using Insights.Domain.Csv;
using Insights.Warehouse.Buffers;
using Insights.Warehouse.Intake;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Insights.Server.Push;

/// <summary>
/// The items of one push request, read according to its content type: a JSON array (or one
/// object), NDJSON (one object a line; a bad line rejects only that item), or CSV with a header row.
/// </summary>
public sealed class PushBody : IDisposable
{
    // Parsed documents point into the body's pooled buffer: they go first, the buffer last.
    private readonly List<IDisposable> _documents = [];
    private readonly List<IDisposable> _owned = [];

    private PushBody()
    {
    }

    public List<IngestItem> Items { get; } = [];

    public void Dispose()
    {
        foreach (var document in _documents)
        {
            document.Dispose();
        }

        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    /// <summary>Reads the body, or returns the problem that stops it from being read.</summary>
    public static async Task<(PushBody? Body, IResult? Problem)> ReadAsync(HttpRequest request, IngestOptions options, CancellationToken cancellationToken)
    {
        var format = FormatOf(request.ContentType);
        if (format is null)
        {
            return (null, Problems.UnsupportedMediaType(request.ContentType));
        }

        if (request.ContentLength > options.MaxBodyBytes)
        {
            return (null, Problems.TooLarge($"The body is {request.ContentLength} bytes; the limit is {options.MaxBodyBytes}."));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxBodyBytes;
        }

        var buffer = new PooledBufferWriter(request.ContentLength is > 0 and < int.MaxValue ? (int)request.ContentLength + 1 : 64 * 1024);
        try
        {
            await buffer.ReadFromAsync(request.Body, options.MaxBodyBytes, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException || ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            buffer.Dispose();
            return (null, Problems.TooLarge($"The body is larger than {options.MaxBodyBytes} bytes."));
        }

        var body = new PushBody();
        body._owned.Add(buffer);
        var problem = format switch
        {
            BodyFormat.Json => body.ReadJson(buffer.WrittenMemory, options.MaxItems),
            BodyFormat.NdJson => body.ReadNdJson(buffer.WrittenMemory, options.MaxItems),
            _ => body.ReadCsv(buffer.WrittenMemory, options.MaxItems),
        };
        if (problem is not null)
        {
            body.Dispose();
            return (null, problem);
        }

        return (body, null);
    }

    private IResult? ReadJson(ReadOnlyMemory<byte> bytes, int maxItems)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            return Problems.MalformedJson(ex);
        }

        _documents.Add(document);
        var root = document.RootElement;
        switch (root.ValueKind)
        {
            case JsonValueKind.Array:
                if (root.GetArrayLength() > maxItems)
                {
                    return Problems.TooManyItems(root.GetArrayLength(), maxItems);
                }

                foreach (var item in root.EnumerateArray())
                {
                    Items.Add(IngestItem.FromJson(item));
                }

                return null;
            case JsonValueKind.Object:
                Items.Add(IngestItem.FromJson(root));
                return null;
            default:
                return Problems.BadRequest("The body must be a JSON array of objects (or one object).");
        }
    }

    private IResult? ReadNdJson(ReadOnlyMemory<byte> bytes, int maxItems)
    {
        var span = bytes;
        var lineNumber = 0;
        while (!span.IsEmpty)
        {
            var end = span.Span.IndexOf((byte)'\n');
            var line = end < 0 ? span : span[..end];
            span = end < 0 ? ReadOnlyMemory<byte>.Empty : span[(end + 1)..];
            lineNumber++;
            if (line.Span.Trim((byte)'\r').Trim((byte)' ').IsEmpty)
            {
                continue;
            }

            if (Items.Count == maxItems)
            {
                return Problems.TooManyItems(Items.Count + 1, maxItems);
            }

            try
            {
                var document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 32 });
                _documents.Add(document);
                Items.Add(IngestItem.FromJson(document.RootElement));
            }
            catch (JsonException ex)
            {
                Items.Add(IngestItem.Unreadable("$", $"line {lineNumber} is not valid JSON: {ex.Message}"));
            }
        }

        return null;
    }

    private IResult? ReadCsv(ReadOnlyMemory<byte> bytes, int maxItems)
    {
        try
        {
            using var reader = new StringReader(Encoding.UTF8.GetString(bytes.Span));
            foreach (var record in CsvTable.Read(reader))
            {
                if (Items.Count == maxItems)
                {
                    return Problems.TooManyItems(Items.Count + 1, maxItems);
                }

                Items.Add(record.Values is { } values
                    ? IngestItem.FromText(values)
                    : IngestItem.Unreadable("$", record.Error!));
            }
        }
        catch (FormatException ex)
        {
            return Problems.BadRequest("The body is not valid CSV: " + ex.Message);
        }

        return null;
    }

    private static BodyFormat? FormatOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return null;
        }

        var type = media.MediaType.Value?.ToLowerInvariant();
        return type switch
        {
            "application/json" => BodyFormat.Json,
            "application/x-ndjson" or "application/ndjson" or "application/jsonl" or "application/x-jsonlines" => BodyFormat.NdJson,
            "text/csv" => BodyFormat.Csv,
            _ when type is not null && type.EndsWith("+json", StringComparison.Ordinal) => BodyFormat.Json,
            _ => null,
        };
    }

    private enum BodyFormat
    {
        Json,
        NdJson,
        Csv,
    }
}
