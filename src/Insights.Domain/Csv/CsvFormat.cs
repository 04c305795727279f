namespace Insights.Domain.Csv;

/// <summary>Writes RFC 4180 CSV: a field is quoted when it holds a comma, a quote or a line break.</summary>
public static class CsvFormat
{
    public static string Line(params IEnumerable<string?> fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    public static string Field(string? value)
    {
        value ??= string.Empty;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
