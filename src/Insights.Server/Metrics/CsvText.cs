using System.Globalization;
using Insights.Domain.Csv;

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

    /// <summary>One line: the cells quoted as RFC 4180 asks (<see cref="CsvFormat"/>), comma-separated, CRLF-terminated.</summary>
    public static string Line(IEnumerable<object?> values) => CsvFormat.Line(values.Select(Cell));
}
