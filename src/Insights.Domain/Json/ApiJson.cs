using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Insights.Domain.Json;

/// <summary>The public API's JSON conventions: snake_case, ISO-8601 UTC times, YYYY-MM-DD dates.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new UtcInstantConverter());
        options.Converters.Add(new DateConverter());
        options.Converters.Add(new BooleanConverter());
        options.Converters.Add(new NumberConverter<int>(static (ref Utf8JsonReader r, out int v) => r.TryGetInt32(out v), int.TryParse, static (w, v) => w.WriteNumberValue(v), "must be a whole number."));
        options.Converters.Add(new NumberConverter<long>(static (ref Utf8JsonReader r, out long v) => r.TryGetInt64(out v), long.TryParse, static (w, v) => w.WriteNumberValue(v), "must be a whole number."));
        options.Converters.Add(new NumberConverter<double>(static (ref Utf8JsonReader r, out double v) => r.TryGetDouble(out v), double.TryParse, static (w, v) => w.WriteNumberValue(v), "must be a number."));
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return options;
    }

    private static JsonSerializerOptions Create()
    {
        var options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// A value the API's converters refuse, with the reason in the API's words; the serializer adds
    /// the field's path, and the server answers a problem naming both.
    /// </summary>
    public sealed class InvalidValueException(string reason) : JsonException(reason)
    {
        public string Reason { get; } = reason;
    }

    /// <summary>Writes <c>2026-03-02T14:05:00Z</c>; reads an ISO-8601 time with a zone.</summary>
    public sealed class UtcInstantConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String
                && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed)
                && HasZone(reader.GetString()!))
            {
                return parsed.UtcDateTime;
            }

            throw new InvalidValueException("must be an ISO-8601 time with a zone, such as 2026-03-02T14:05:00Z.");
        }

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

        // A time without a zone would silently be read in the server's zone.
        private static bool HasZone(string text)
        {
            var trimmed = text.Trim();
            var time = trimmed.IndexOf('T', StringComparison.OrdinalIgnoreCase);
            return trimmed.EndsWith('Z') || trimmed.EndsWith('z') || (time > 0 && (trimmed.IndexOf('+', time) > 0 || trimmed.IndexOf('-', time) > 0));
        }
    }

    /// <summary>Reads <c>true</c>/<c>false</c>; anything else is refused with the API's reason.</summary>
    public sealed class BooleanConverter : JsonConverter<bool>
    {
        public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw new InvalidValueException("must be true or false."),
        };

        public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
    }

    public delegate bool TryReadNumber<T>(ref Utf8JsonReader reader, out T value);

    public delegate bool TryParseNumber<T>(string? text, NumberStyles style, IFormatProvider? provider, out T value);

    /// <summary>
    /// Reads a number, or a string holding one (as the web defaults allow); anything else is refused
    /// with the API's reason instead of the serializer's type names.
    /// </summary>
    public sealed class NumberConverter<T>(TryReadNumber<T> tryRead, TryParseNumber<T> tryParse, Action<Utf8JsonWriter, T> write, string reason) : JsonConverter<T>
        where T : struct
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number && tryRead(ref reader, out var number))
            {
                return number;
            }

            if (reader.TokenType == JsonTokenType.String && tryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }

            throw new InvalidValueException(reason);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => write(writer, value);
    }

    public sealed class DateConverter : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
                && DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new InvalidValueException("must be a date YYYY-MM-DD.");

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
