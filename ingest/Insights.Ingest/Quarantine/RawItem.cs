using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Insights.Warehouse.Buffers;

namespace Insights.Ingest.Quarantine;

/// <summary>
/// A vendor's item as the quarantine keeps it, so that someone can see what was wrong without opening
/// the vendor: values under secret-looking names (token, password, authorization…), credentials in
/// addresses and the source's own token are redacted; long texts, long lists and deep nesting are cut;
/// the whole is at most <see cref="MaxBytes"/>.
/// </summary>
public static partial class RawItem
{
    public const int MaxBytes = 8 * 1024;
    public const string Redacted = "[redacted]";
    private const int MaxText = 512;
    private const int MaxItems = 20;
    private const int MaxDepth = 12;

    public static (string Text, bool Truncated) Of(JsonElement item, IReadOnlyCollection<string> secrets)
    {
        var truncated = false;
        using var buffer = new PooledBufferWriter(4096);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, item, 0, secrets, ref truncated);
        }

        var bytes = buffer.WrittenMemory.Span;
        if (bytes.Length <= MaxBytes)
        {
            return (Encoding.UTF8.GetString(bytes), truncated);
        }

        // Cut on a character boundary (never inside a UTF-8 sequence), leaving room for the ellipsis.
        var cut = MaxBytes - 3;
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80)
        {
            cut--;
        }

        return (Encoding.UTF8.GetString(bytes[..cut]) + "…", true);
    }

    /// <summary>A typed item (what a connector read through a client library), as JSON first.</summary>
    public static (string Text, bool Truncated) Of(object item, IReadOnlyCollection<string> secrets) =>
        Of(JsonSerializer.SerializeToElement(item, Insights.Domain.Json.ApiJson.Options), secrets);

    private static void Write(Utf8JsonWriter writer, JsonElement element, int depth, IReadOnlyCollection<string> secrets, ref bool truncated)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when depth >= MaxDepth:
            case JsonValueKind.Array when depth >= MaxDepth:
                writer.WriteStringValue("…");
                truncated = true;
                break;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (SecretName().IsMatch(property.Name) && property.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array))
                    {
                        writer.WriteStringValue(Redacted);
                    }
                    else
                    {
                        Write(writer, property.Value, depth + 1, secrets, ref truncated);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                var count = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (++count > MaxItems)
                    {
                        writer.WriteStringValue($"… {element.GetArrayLength() - MaxItems} more");
                        truncated = true;
                        break;
                    }

                    Write(writer, item, depth + 1, secrets, ref truncated);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                var text = Mask(element.GetString()!, secrets);
                if (text.Length > MaxText)
                {
                    text = text[..MaxText] + "…";
                    truncated = true;
                }

                writer.WriteStringValue(text);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>The source's own secrets and the credentials of an address (<c>https://user:pass@host</c>) are never kept.</summary>
    public static string Mask(string text, IReadOnlyCollection<string> secrets)
    {
        foreach (var secret in secrets)
        {
            if (secret.Length >= 4)
            {
                text = text.Replace(secret, Redacted, StringComparison.Ordinal);
            }
        }

        return Credentials().Replace(text, "://" + Redacted + "@");
    }

    [GeneratedRegex("token|secret|passw|pwd|authori[sz]ation|api[_-]?key|credential|private[_-]?key|signature|cookie|session", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"://[^/\s:@]+:[^/\s@]+@")]
    private static partial Regex Credentials();
}
