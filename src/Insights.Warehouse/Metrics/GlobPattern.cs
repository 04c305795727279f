using System.Text;

namespace Insights.Warehouse.Metrics;

/// <summary>Turns configured globs (<c>golden-path/*</c>) into one anchored RE2 regular expression for ClickHouse's match().</summary>
public static class GlobPattern
{
    public static string ToRegex(IEnumerable<string> globs)
    {
        var alternatives = globs.Where(g => !string.IsNullOrWhiteSpace(g)).Select(Translate).ToList();
        return alternatives.Count == 0 ? string.Empty : "^(?:" + string.Join("|", alternatives) + ")$";
    }

    private static string Translate(string glob)
    {
        var regex = new StringBuilder();
        foreach (var c in glob.Trim())
        {
            switch (c)
            {
                case '*': regex.Append(".*"); break;
                case '?': regex.Append('.'); break;
                default:
                    if ("\\.+()[]{}^$|".Contains(c, StringComparison.Ordinal))
                    {
                        regex.Append('\\');
                    }

                    regex.Append(c);
                    break;
            }
        }

        return regex.ToString();
    }
}
