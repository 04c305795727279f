using System.Globalization;
using System.Text.Json;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Grafana;

/// <summary>
/// A target's payload: a JSON object of options whose values Grafana has already interpolated.
/// Every value is read as one piece of text. "All" — an empty value, <c>*</c> (the dashboards'
/// custom all value) or <c>$__all</c> — means no filter. Bad input throws a
/// <see cref="MetricQueryException"/> naming the field (<c>targets[0].payload.team</c>).
/// </summary>
public sealed class GrafanaPayload
{
    private const int MaxLength = 256;

    private readonly Dictionary<string, JsonElement> _fields;

    private GrafanaPayload(Dictionary<string, JsonElement> fields, string path)
    {
        _fields = fields;
        Path = path;
    }

    public static GrafanaPayload Empty(string path) => new(new Dictionary<string, JsonElement>(StringComparer.Ordinal), path);

    /// <summary>Where this payload sits in the request, for error messages.</summary>
    public string Path { get; }

    public IEnumerable<string> Names => _fields.Keys;

    /// <summary>Reads a payload: absent, null, an object, or a string holding an object (the code editor's text).</summary>
    public static GrafanaPayload Read(JsonElement? payload, string path)
    {
        if (payload is not { } element || element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return Empty(path);
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            var text = element.GetString()!;
            if (string.IsNullOrWhiteSpace(text))
            {
                return Empty(path);
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                return Read(document.RootElement.Clone(), path);
            }
            catch (JsonException ex)
            {
                throw new MetricQueryException(path, $"is not a JSON object: {ex.Message.Split(" LineNumber", 2)[0]}");
            }
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new MetricQueryException(path, $"must be a JSON object; got {element.ValueKind.ToString().ToLowerInvariant()}.");
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            fields[property.Name] = property.Value.Clone();
        }

        return new GrafanaPayload(fields, path);
    }

    /// <summary>Refuses fields the target does not know, so a typo is an error rather than a silently ignored filter.</summary>
    public void AllowOnly(IReadOnlyCollection<string> known, string target)
    {
        var unknown = _fields.Keys.FirstOrDefault(k => !known.Contains(k));
        if (unknown is not null)
        {
            throw new MetricQueryException($"{Path}.{unknown}", known.Count == 0
                ? $"is not an option of '{target}', which takes none."
                : $"is not an option of '{target}'; its options are {string.Join(", ", known)}.");
        }
    }

    /// <summary>The field as text; null when absent or "All".</summary>
    public string? Text(string name)
    {
        if (!_fields.TryGetValue(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Array => value.GetArrayLength() switch
            {
                0 => null,
                1 => Single(value[0], name),
                var n => throw new MetricQueryException($"{Path}.{name}", $"takes one value; got {n} (multi-value variables are not supported, use one value or All)."),
            },
            _ => throw new MetricQueryException($"{Path}.{name}", "must be text, not an object."),
        };
        return Normalize(text, $"{Path}.{name}");
    }

    /// <summary>One of <paramref name="allowed"/>, or <paramref name="fallback"/> when absent.</summary>
    public string Choice(string name, IReadOnlyList<string> allowed, string fallback)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        return allowed.Contains(text, StringComparer.Ordinal)
            ? text
            : throw new MetricQueryException($"{Path}.{name}", $"must be one of {string.Join(", ", allowed)}; got '{text}'.");
    }

    public bool? Flag(string name) => Text(name) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var other => throw new MetricQueryException($"{Path}.{name}", $"must be true or false; got '{other}'."),
    };

    public int Whole(string name, int min, int max, int fallback)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new MetricQueryException($"{Path}.{name}", $"must be a whole number from {min} to {max}; got '{text}'.");
    }

    /// <summary>Text from outside a payload (an ad hoc filter value), read by the same rules.</summary>
    public static string? Normalize(string? text, string path)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text is "*" or "$__all")
        {
            return null;
        }

        return text.Length <= MaxLength ? text : throw new MetricQueryException(path, $"is longer than {MaxLength} characters.");
    }

    private string? Single(JsonElement element, string name) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Null => null,
        _ => throw new MetricQueryException($"{Path}.{name}", "must be text."),
    };
}
