using System.Text;
using System.Text.RegularExpressions;

namespace Insights.Warehouse.Sql;

/// <summary>
/// Renders the metric SQL files. <c>{{name}}</c> is replaced by a fragment the caller supplies
/// (values only ever arrive already rendered by <see cref="ClickHouse.SqlLiteral"/>);
/// <c>{{&gt; partial}}</c> or <c>{{&gt; partial(arg, …)}}</c> inlines <c>metrics/partials/partial.sql</c>,
/// whose <c>{{$1}}</c>, <c>{{$2}}</c>… take the arguments; an argument is SQL text (a column), the
/// caller's own <c>$n</c>, or a fragment written <c>@name</c>. A name without a value is an error,
/// so a typo never turns into silently missing SQL.
/// </summary>
public static partial class SqlTemplate
{
    private const int MaxDepth = 8;

    public static string Render(string path, IReadOnlyDictionary<string, string> fragments) =>
        Expand(SqlResources.Read(path), fragments, [], 0, path);

    public static string RenderText(string text, IReadOnlyDictionary<string, string> fragments) =>
        Expand(text, fragments, [], 0, "(inline)");

    private static string Expand(string text, IReadOnlyDictionary<string, string> fragments, IReadOnlyList<string> args, int depth, string origin)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"SQL partials nest deeper than {MaxDepth} levels in {origin}.");
        }

        return Placeholder().Replace(text, match =>
        {
            var body = match.Groups["body"].Value.Trim();
            if (body.StartsWith('>'))
            {
                return ExpandPartial(body[1..].Trim(), fragments, args, depth, origin);
            }

            if (body.StartsWith('$'))
            {
                var n = int.Parse(body[1..], System.Globalization.CultureInfo.InvariantCulture);
                return n >= 1 && n <= args.Count
                    ? args[n - 1]
                    : throw new InvalidOperationException($"{origin} uses {{{{{body}}}}} but got {args.Count} argument(s).");
            }

            return fragments.TryGetValue(body, out var value)
                ? value
                : throw new InvalidOperationException($"{origin} uses {{{{{body}}}}}, which was not supplied.");
        });
    }

    private static string ExpandPartial(string call, IReadOnlyDictionary<string, string> fragments, IReadOnlyList<string> outerArgs, int depth, string origin)
    {
        var open = call.IndexOf('(', StringComparison.Ordinal);
        var name = open < 0 ? call : call[..open].Trim();
        var args = open < 0 ? [] : SplitArguments(call[(open + 1)..call.LastIndexOf(')')]);
        args = args.Select(a => ResolveArgument(a, fragments, outerArgs, origin)).ToList();
        var path = $"clickhouse/metrics/partials/{name}.sql";
        var text = StripLeadingComments(SqlResources.Read(path));
        return Expand(text, fragments, args, depth + 1, path).TrimEnd();
    }

    /// <summary>An argument is the caller's <c>$n</c>, a fragment (<c>@name</c>), or SQL text taken as it is.</summary>
    private static string ResolveArgument(string argument, IReadOnlyDictionary<string, string> fragments, IReadOnlyList<string> outerArgs, string origin)
    {
        if (argument.Length > 1 && argument[0] == '$' && int.TryParse(argument[1..], System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return n >= 1 && n <= outerArgs.Count
                ? outerArgs[n - 1]
                : throw new InvalidOperationException($"{origin} passes {argument} but got {outerArgs.Count} argument(s).");
        }

        if (argument.Length > 1 && argument[0] == '@')
        {
            return fragments.TryGetValue(argument[1..], out var value)
                ? value
                : throw new InvalidOperationException($"{origin} passes {argument}, which was not supplied.");
        }

        return argument;
    }

    private static List<string> SplitArguments(string text)
    {
        var args = new List<string>();
        var current = new StringBuilder();
        var nesting = 0;
        foreach (var c in text)
        {
            if (c == ',' && nesting == 0)
            {
                args.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }

            nesting += c switch { '(' or '[' => 1, ')' or ']' => -1, _ => 0 };
            current.Append(c);
        }

        if (current.Length > 0 || args.Count > 0)
        {
            args.Add(current.ToString().Trim());
        }

        return args;
    }

    private static string StripLeadingComments(string text)
    {
        var lines = text.Split('\n');
        var skip = lines.TakeWhile(l => l.TrimStart().StartsWith("--", StringComparison.Ordinal)).Count();
        return string.Join('\n', lines.Skip(skip));
    }

    [GeneratedRegex(@"\{\{(?<body>[^{}]+)\}\}")]
    private static partial Regex Placeholder();
}
