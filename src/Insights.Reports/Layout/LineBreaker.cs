namespace Insights.Reports.Layout;

/// <summary>Where text breaks into lines, given how wide a string is drawn (points).</summary>
internal static class LineBreaker
{
    private const string Separator = " · ";

    /// <summary>Lines at most <paramref name="width"/> wide, broken at spaces (a longer word keeps a line of its own).</summary>
    public static IReadOnlyList<string> Wrap(string text, Func<string, float> measure, float width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && measure(candidate) > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>
    /// A tile's line ("n = 21 deployments · 16–22 Nov 2026") in at most two lines: between its
    /// " · "-separated parts when both halves fit, so that a date or a count is not split; else at
    /// spaces, and a text longer than two lines ends in an ellipsis (<paramref name="fit"/>) rather
    /// than losing words silently.
    /// </summary>
    public static IReadOnlyList<string> TwoLines(string text, Func<string, float> measure, float width, Func<string, string> fit)
    {
        if (measure(text) <= width)
        {
            return [text];
        }

        for (var at = text.LastIndexOf(Separator, StringComparison.Ordinal); at > 0; at = text.LastIndexOf(Separator, at - 1, StringComparison.Ordinal))
        {
            var first = text[..at] + " ·";
            var rest = text[(at + Separator.Length)..];
            if (measure(first) <= width && measure(rest) <= width)
            {
                return [first, rest];
            }
        }

        var lines = Wrap(text, measure, width);
        return lines.Count <= 2 ? lines : [lines[0], fit(string.Join(' ', lines.Skip(1)))];
    }
}
