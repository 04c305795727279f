using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Insights.Domain.Time;

namespace Insights.Domain.Validation;

/// <summary>
/// Turns one pushed item (a JSON object, or a CSV row as text) into a <see cref="NormalizedEvent"/>
/// or into field errors. Unknown fields are ignored so that producers may send more than we read.
/// </summary>
public static partial class EventValidator
{
    // DateTime('UTC') in ClickHouse 18.16 covers 1970-01-01 .. 2106-02-07; keep a margin on both ends.
    public static readonly DateTime EarliestInstant = new(1970, 1, 2, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime LatestInstant = new(2105, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    public static bool TryValidate(EventSchema schema, JsonElement item, out NormalizedEvent? result, out ValidationErrors errors)
    {
        errors = new ValidationErrors();
        result = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", $"must be a JSON object, not {Describe(item.ValueKind)}.");
            return false;
        }

        var values = new object?[schema.Fields.Count];
        foreach (var property in item.EnumerateObject())
        {
            if (!schema.TryGetIndex(property.Name, out var index))
            {
                continue;
            }

            values[index] = ReadJson(schema.Fields[index], property.Value, errors);
        }

        return Complete(schema, values, errors, out result);
    }

    /// <summary>Validates a row whose values are all text (CSV uploads and imports).</summary>
    public static bool TryValidate(EventSchema schema, IReadOnlyDictionary<string, string?> row, out NormalizedEvent? result, out ValidationErrors errors)
    {
        errors = new ValidationErrors();
        var values = new object?[schema.Fields.Count];
        foreach (var (name, text) in row)
        {
            if (schema.TryGetIndex(name, out var index))
            {
                values[index] = ReadText(schema.Fields[index], text, errors);
            }
        }

        return Complete(schema, values, errors, out result);
    }

    private static bool Complete(EventSchema schema, object?[] values, ValidationErrors errors, out NormalizedEvent? result)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var field = schema.Fields[i];
            if (values[i] is null && !errors.Has(field.Name))
            {
                if (field.Required)
                {
                    errors.Add(field.Name, "is required.");
                }
                else
                {
                    values[i] = field.Default;
                }
            }
        }

        schema.CheckAcrossFields(name => values[schema.IndexOf(name)], errors);
        result = errors.IsEmpty ? new NormalizedEvent(schema, values) : null;
        return result is not null;
    }

    private static object? ReadJson(FieldSpec field, JsonElement value, ValidationErrors errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        switch (field.Type)
        {
            case FieldType.Text:
                return value.ValueKind switch
                {
                    JsonValueKind.String => CheckText(field, value.GetString()!, errors),
                    // Many systems number their ids: accept 123 where "123" is meant.
                    JsonValueKind.Number => CheckText(field, value.GetRawText(), errors),
                    _ => Fail(field, $"must be a string, not {Describe(value.ValueKind)}.", errors),
                };
            case FieldType.Instant:
                return value.ValueKind == JsonValueKind.String
                    ? ParseInstant(field, value.GetString()!, errors)
                    : Fail(field, "must be an ISO-8601 time string such as 2026-03-02T14:05:00Z.", errors);
            case FieldType.Date:
                return value.ValueKind == JsonValueKind.String
                    ? ParseDate(field, value.GetString()!, errors)
                    : Fail(field, "must be a date string YYYY-MM-DD.", errors);
            case FieldType.Boolean:
                return value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => Fail(field, "must be true or false.", errors),
                };
            case FieldType.Count:
                return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n)
                    ? CheckCount(field, n, errors)
                    : Fail(field, "must be a whole number.", errors);
            case FieldType.TextList:
                if (value.ValueKind != JsonValueKind.Array)
                {
                    return Fail(field, "must be an array of strings.", errors);
                }

                var items = new List<string>(value.GetArrayLength());
                foreach (var element in value.EnumerateArray())
                {
                    if (element.ValueKind != JsonValueKind.String)
                    {
                        return Fail(field, "must be an array of strings.", errors);
                    }

                    var text = element.GetString()!.Trim();
                    if (text.Length > 0)
                    {
                        items.Add(text);
                    }
                }

                return CheckList(field, items, errors);
            default:
                throw new InvalidOperationException($"Unhandled field type {field.Type}.");
        }
    }

    private static object? ReadText(FieldSpec field, string? text, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        switch (field.Type)
        {
            case FieldType.Text:
                return CheckText(field, text, errors);
            case FieldType.Instant:
                return ParseInstant(field, text, errors);
            case FieldType.Date:
                return ParseDate(field, text, errors);
            case FieldType.Boolean:
                return text.ToLowerInvariant() switch
                {
                    "true" or "1" or "yes" => true,
                    "false" or "0" or "no" => false,
                    _ => Fail(field, "must be true or false.", errors),
                };
            case FieldType.Count:
                return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                    ? CheckCount(field, n, errors)
                    : Fail(field, "must be a whole number.", errors);
            case FieldType.TextList:
                var items = text.Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                return CheckList(field, items, errors);
            default:
                throw new InvalidOperationException($"Unhandled field type {field.Type}.");
        }
    }

    private static object? CheckText(FieldSpec field, string text, ValidationErrors errors)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (text.Length > field.MaxLength)
        {
            return Fail(field, $"is longer than {field.MaxLength} characters.", errors);
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return Fail(field, "must not contain NUL characters.", errors);
        }

        if (field.AllowedValues is { } allowed && !allowed.Contains(text, StringComparer.Ordinal))
        {
            return Fail(field, $"must be one of {string.Join(", ", allowed.Select(a => $"'{a}'"))}; got '{Shorten(text)}'.", errors);
        }

        if (text.Length > 0 && field.Check?.Invoke(text) is { } reason)
        {
            return Fail(field, $"{reason}; got '{Shorten(text)}'.", errors);
        }

        return text;
    }

    private static object? CheckCount(FieldSpec field, long n, ValidationErrors errors) =>
        n < 0 ? Fail(field, "must not be negative.", errors) : n;

    private static object? CheckList(FieldSpec field, List<string> items, ValidationErrors errors)
    {
        if (items.Count > field.MaxLength)
        {
            return Fail(field, $"has more than {field.MaxLength} items.", errors);
        }

        if (items.Any(i => i.Length > 256 || i.Contains('\0', StringComparison.Ordinal)))
        {
            return Fail(field, "has an item longer than 256 characters or containing NUL.", errors);
        }

        return items.ToArray();
    }

    private static object? ParseInstant(FieldSpec field, string text, ValidationErrors errors)
    {
        text = text.Trim();
        if (!IsoInstant().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return Fail(field, $"must be an ISO-8601 time with a zone, such as 2026-03-02T14:05:00Z; got '{Shorten(text)}'.", errors);
        }

        var utc = parsed.UtcDateTime;
        if (utc < EarliestInstant || utc > LatestInstant)
        {
            return Fail(field, "is outside the supported range 1970-01-02 .. 2105-12-31.", errors);
        }

        // The warehouse keeps whole seconds.
        return WholeSeconds.Of(utc);
    }

    private static object? ParseDate(FieldSpec field, string text, ValidationErrors errors)
    {
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Fail(field, $"must be a date YYYY-MM-DD; got '{Shorten(text)}'.", errors);
        }

        if (date.Year is < 1970 or > 2105)
        {
            return Fail(field, "is outside the supported range 1970 .. 2105.", errors);
        }

        return date;
    }

    private static object? Fail(FieldSpec field, string message, ValidationErrors errors)
    {
        errors.Add(field.Name, message);
        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex IsoInstant();
}
