using System.Globalization;

namespace Insights.Server.Metrics;

/// <summary>RFC 4180 cells as the API writes them: empty for null, invariant numbers, ISO times, lists joined by "; ".</summary>
public static class CsvText
{
    public static string Cell(object? value) => value switch
    {
        null => string.Empty,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => s,
        IEnumerable<string> list => string.Join("; ", list),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    public static string Quote(string cell) => cell.IndexOfAny([',', '"', '\r', '\n']) >= 0
        ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
        : cell;

    /// <summary>One line: the cells quoted, comma-separated, CRLF-terminated.</summary>
    public static string Line(IEnumerable<object?> values) => string.Join(',', values.Select(v => Quote(Cell(v)))) + "\r\n";
}
