using System.Globalization;
using System.Text.Json;

namespace Insights.Ingest.Connectors;

/// <summary>
/// Reads a vendor's JSON item by path (<c>fields</c>, <c>status</c>, <c>name</c>). Absent and null are
/// the same; a value of the wrong shape, or a required one that is missing, is a
/// <see cref="SourceItemException"/> naming the path, so that a quarantined item says what to fix.
/// </summary>
public static class VendorJson
{
    /// <summary>The value at <paramref name="path"/>, or null when a step is absent or null.</summary>
    public static JsonElement? Find(JsonElement element, params string[] path)
    {
        for (var i = 0; i < path.Length; i++)
        {
            if (element.ValueKind == JsonValueKind.Null || element.ValueKind == JsonValueKind.Undefined)
            {
                return null;
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new SourceItemException(Path(path[..i]), $"must be an object, not {Describe(element.ValueKind)}.");
            }

            if (!element.TryGetProperty(path[i], out element))
            {
                return null;
            }
        }

        return element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : element;
    }

    /// <summary>A text value (a number or flag is taken as its text); null when absent or empty.</summary>
    public static string? Text(JsonElement element, params string[] path) =>
        Find(element, path) is not { } value
            ? null
            : value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : null,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => throw new SourceItemException(Path(path), $"must be text, not {Describe(value.ValueKind)}."),
            };

    public static string RequiredText(JsonElement element, params string[] path) =>
        Text(element, path) ?? throw new SourceItemException(Path(path), "is missing.");

    /// <summary>A time, read by the vendor's own format (<paramref name="parse"/>).</summary>
    public static DateTime? Time(JsonElement element, Func<string, DateTime?> parse, params string[] path)
    {
        if (Text(element, path) is not { } text)
        {
            return null;
        }

        try
        {
            return parse(text);
        }
        catch (FormatException)
        {
            throw new SourceItemException(Path(path), $"'{Shorten(text)}' is not a time this source writes.");
        }
    }

    public static DateTime RequiredTime(JsonElement element, Func<string, DateTime?> parse, params string[] path) =>
        Time(element, parse, path) ?? throw new SourceItemException(Path(path), "is missing.");

    /// <summary>ISO-8601 with a zone, as PagerDuty and Backstage write times.</summary>
    public static DateTime? Iso(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime;

    public static long? WholeNumber(JsonElement element, params string[] path) =>
        Find(element, path) is not { } value
            ? null
            : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n >= 0
                ? n
                : throw new SourceItemException(Path(path), $"must be a whole number, not {Describe(value.ValueKind)}.");

    /// <summary>The items of an array; none when absent.</summary>
    public static IEnumerable<JsonElement> Items(JsonElement element, params string[] path) =>
        Find(element, path) is not { } value
            ? []
            : value.ValueKind == JsonValueKind.Array
                ? value.EnumerateArray()
                : throw new SourceItemException(Path(path), $"must be a list, not {Describe(value.ValueKind)}.");

    /// <summary><c>fields.created</c>; a step holding a dot or slash (an annotation key) is bracketed.</summary>
    public static string Path(params string[] path) =>
        path.Length == 0
            ? "$"
            : string.Concat(path.Select((step, i) => step.Contains('.', StringComparison.Ordinal) || step.Contains('/', StringComparison.Ordinal)
                ? $"[\"{step}\"]"
                : i == 0 ? step : "." + step));

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "text",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
