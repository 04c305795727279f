using System.Collections;
using System.Globalization;
using System.Text;

namespace Insights.Warehouse.ClickHouse;

/// <summary>
/// The one place where values become SQL text. ClickHouse 18.16 has no server-side query
/// parameters, so every value that reaches a query goes through <see cref="Render"/>; the
/// escaping is fuzz-tested against the real server (quotes, backslashes, control bytes, unicode).
/// </summary>
public static class SqlLiteral
{
    public static string Render(object? value) => value switch
    {
        null => "NULL",
        string s => String(s),
        bool b => b ? "1" : "0",
        DateTime d => DateTime(d),
        DateTimeOffset d => DateTime(d.UtcDateTime),
        DateOnly d => $"toDate('{d:yyyy-MM-dd}')",
        TimeSpan t => Number(t.TotalSeconds),
        double d => Number(d),
        float f => Number(f),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        sbyte or byte or short or ushort or int or uint or long or ulong =>
            Convert.ToString(value, CultureInfo.InvariantCulture)!,
        Enum e => String(e.ToString()),
        IEnumerable items => Array(items),
        _ => throw new ArgumentException($"No SQL literal for values of type {value.GetType().Name}.", nameof(value)),
    };

    /// <summary>A quoted string literal. Every byte outside printable ASCII/UTF-8 text is escaped.</summary>
    public static string String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('\'');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '\'': sb.Append(@"\'"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                case '\0': sb.Append(@"\0"); break;
                case < ' ' or '\u007f':
                    sb.Append(@"\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    break;
                default: sb.Append(c); break;
            }
        }

        return sb.Append('\'').ToString();
    }

    /// <summary>A UTC instant at second precision (the warehouse's DateTime('UTC') columns).</summary>
    public static string DateTime(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return $"toDateTime('{utc:yyyy-MM-dd HH:mm:ss}', 'UTC')";
    }

    public static string Number(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite numbers have SQL literals.");
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    public static string Array(IEnumerable items)
    {
        var rendered = new List<string>();
        foreach (var item in items)
        {
            rendered.Add(Render(item));
        }

        return "[" + string.Join(", ", rendered) + "]";
    }

    /// <summary>A back-quoted identifier (database or table name); only plain names are accepted.</summary>
    public static string Identifier(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 128 || !(char.IsAsciiLetter(name[0]) || name[0] == '_')
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{name}' is not a plain identifier.", nameof(name));
        }

        return "`" + name + "`";
    }
}
