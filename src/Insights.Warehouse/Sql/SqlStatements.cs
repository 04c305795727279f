using System.Text;

namespace Insights.Warehouse.Sql;

/// <summary>Splits a SQL file into statements at semicolons outside quotes and comments.</summary>
public static class SqlStatements
{
    public static IReadOnlyList<string> Split(string script)
    {
        var statements = new List<string>();
        var current = new StringBuilder();
        var i = 0;
        while (i < script.Length)
        {
            var c = script[i];
            if (c == '-' && i + 1 < script.Length && script[i + 1] == '-')
            {
                var end = script.IndexOf('\n', i);
                end = end < 0 ? script.Length : end;
                current.Append(script, i, end - i);
                i = end;
                continue;
            }

            if (c == '/' && i + 1 < script.Length && script[i + 1] == '*')
            {
                var end = script.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? script.Length : end + 2;
                current.Append(script, i, end - i);
                i = end;
                continue;
            }

            if (c is '\'' or '"' or '`')
            {
                var start = i++;
                while (i < script.Length && script[i] != c)
                {
                    i += script[i] == '\\' ? 2 : 1;
                }

                i = Math.Min(i + 1, script.Length);
                current.Append(script, start, i - start);
                continue;
            }

            if (c == ';')
            {
                AddIfNotEmpty(statements, current);
                current.Clear();
                i++;
                continue;
            }

            current.Append(c);
            i++;
        }

        AddIfNotEmpty(statements, current);
        return statements;
    }

    private static void AddIfNotEmpty(List<string> statements, StringBuilder current)
    {
        var text = current.ToString().Trim();
        if (StripComments(text).Trim().Length > 0)
        {
            statements.Add(text);
        }
    }

    private static string StripComments(string text) =>
        string.Join('\n', text.Split('\n').Select(l => l.TrimStart().StartsWith("--", StringComparison.Ordinal) ? string.Empty : l));
}
