using System.Text;

namespace Insights.Domain.Csv;

/// <summary>
/// A minimal RFC 4180 reader: a header row, then records; fields may be quoted, with "" for a
/// quote and line breaks inside quotes. Enough for HR exports and survey-tool exports.
/// </summary>
public static class CsvTable
{
    /// <summary>Reads records as header → value maps. A record with the wrong field count is an error.</summary>
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        using var records = ReadRecords(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            yield break;
        }

        var header = records.Current.Fields.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        var duplicate = header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FormatException($"The CSV header names '{duplicate.Key}' twice.");
        }

        var index = 0;
        while (records.MoveNext())
        {
            var fields = records.Current.Fields;
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            if (fields.Count != header.Length)
            {
                yield return new CsvRecord(index++, records.Current.Line, null,
                    $"line {records.Current.Line} has {fields.Count} fields; the header has {header.Length}.");
                continue;
            }

            var values = new Dictionary<string, string?>(header.Length, StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                values[header[i]] = fields[i];
            }

            yield return new CsvRecord(index++, records.Current.Line, values, null);
        }
    }

    private static IEnumerable<(int Line, List<string> Fields)> ReadRecords(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var recordLine = 1;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return (recordLine, fields);
                    fields = [];
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }

        if (quoted)
        {
            throw new FormatException($"A quoted field opened on line {recordLine} is never closed.");
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields);
        }
    }
}

/// <summary>One CSV record: its values by lower-case header, or why it could not be read.</summary>
public sealed record CsvRecord(int Index, int Line, IReadOnlyDictionary<string, string?>? Values, string? Error);
