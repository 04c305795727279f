using System.Collections;
using System.Globalization;
using System.Text;

namespace Insights.Server.Operations;

/// <summary>
/// Renders a log message template (<c>"Loaded {Events} events, {Start} to {End}"</c>) with its values as
/// the product writes them everywhere else: dates <c>2026-09-07</c>, times ISO 8601 (<c>2026-09-07T14:05:00Z</c>),
/// numbers invariant. Logging's own renderer formats dates with the invariant culture (<c>09/07/2026</c>).
/// A hole with an explicit format (<c>{At:HH:mm}</c>) keeps it.
/// </summary>
public static class IsoLogMessage
{
    public const string OriginalFormat = "{OriginalFormat}";

    /// <summary>The message of a structured log state, or null when the state is not one.</summary>
    public static string? TryFormat(object? state)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> { Count: > 0 } values
            || values[^1] is not { Key: OriginalFormat, Value: string template })
        {
            return null;
        }

        return Format(template, values);
    }

    /// <summary>Fills the template's holes, in order, with <paramref name="values"/> (as a logging state lists them).</summary>
    public static string Format(string template, IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        var text = new StringBuilder(template.Length + 32);
        var hole = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                text.Append('{');
                i++;
            }
            else if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                text.Append('}');
                i++;
            }
            else if (c == '{' && template.IndexOf('}', i + 1) is var end and > 0)
            {
                var spec = template.AsSpan(i + 1, end - i - 1);
                var colon = spec.IndexOf(':');
                var format = colon >= 0 ? spec[(colon + 1)..].ToString() : null;
                var nameAndAlignment = colon >= 0 ? spec[..colon] : spec;
                var comma = nameAndAlignment.IndexOf(',');
                var alignment = comma >= 0 && int.TryParse(nameAndAlignment[(comma + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var a) ? a : 0;
                var value = hole < values.Count - 1 ? Render(values[hole].Value, format) : "";
                hole++;
                text.Append(alignment >= 0 ? value.PadLeft(alignment) : value.PadRight(-alignment));
                i = end;
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>One value as the product writes it.</summary>
    public static string Render(object? value, string? format = null)
    {
        if (format is not null && value is IFormattable explicitly)
        {
            return explicitly.ToString(format, CultureInfo.InvariantCulture);
        }

        return value switch
        {
            null => "(null)",
            string s => s,
            DateTime { Kind: DateTimeKind.Utc } utc => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
            DateTime local => local.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture),
            DateTimeOffset { Offset.Ticks: 0 } utc => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
            DateTimeOffset zoned => zoned.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            TimeOnly time => time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
            TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            // Like logging's own renderer: a list is its items, comma-separated.
            IEnumerable items => string.Join(", ", items.Cast<object?>().Select(item => Render(item))),
            _ => value.ToString() ?? "",
        };
    }
}
