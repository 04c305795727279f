namespace Insights.Domain.Text;

/// <summary>The known names closest to a mistyped one, for "did you mean …?" in a 400.</summary>
public static class NameSuggestions
{
    public const int Max = 3;

    /// <summary>
    /// The same name in another case first; then names within a few edits (a third of its length, at
    /// least 2), nearest first; then names that contain it or that it contains. At most <see cref="Max"/>.
    /// </summary>
    public static IReadOnlyList<string> Closest(string name, IEnumerable<string> known)
    {
        var names = known.Distinct(StringComparer.Ordinal).ToList();
        var sameButCase = names.Where(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
        if (sameButCase.Count > 0)
        {
            return [.. sameButCase.Take(Max)];
        }

        var lower = name.ToLowerInvariant();
        var limit = Math.Max(2, lower.Length / 3);
        var near = names
            .Select(n => (Name: n, Distance: Distance(lower, n.ToLowerInvariant())))
            .Where(n => n.Distance <= limit)
            .OrderBy(n => n.Distance)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => n.Name)
            .ToList();
        if (near.Count > 0)
        {
            return [.. near.Take(Max)];
        }

        return [.. names
            .Where(n => lower.Length >= 3 && (n.Contains(lower, StringComparison.OrdinalIgnoreCase) || (n.Length >= 3 && lower.Contains(n, StringComparison.OrdinalIgnoreCase))))
            .Order(StringComparer.Ordinal)
            .Take(Max)];
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
