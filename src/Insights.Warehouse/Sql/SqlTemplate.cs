using System.Text;
using System.Text.RegularExpressions;

namespace Insights.Warehouse.Sql;

/// <summary>
/// Renders the metric SQL files (the language is documented in docs/development.md, "SQL templates",
/// with a test per construct in SqlTemplateTests):
/// <list type="bullet">
/// <item><c>{{name}}</c> is replaced by a fragment the caller supplies (values only ever arrive already
/// rendered by <see cref="ClickHouse.SqlLiteral"/>); a name without a value is an error, so a typo never
/// turns into silently missing SQL.</item>
/// <item><c>{{&gt; partial}}</c> or <c>{{&gt; partial(arg, …)}}</c> inlines <c>partial.sql</c> from the
/// rendered file's own folder, else from <c>clickhouse/metrics/partials/</c>; its <c>{{$1}}</c>,
/// <c>{{$2}}</c>… take the arguments. An argument is SQL text (a column), the caller's own <c>$n</c>, or a
/// fragment written <c>@name</c>. A partial's leading comment lines (its documentation) are dropped.</item>
/// <item><c>{{#if name}} … {{/if}}</c> keeps its text when the fragment <c>name</c> is <c>1</c> and drops it
/// when it is <c>0</c> (any other value is an error); blocks do not nest.</item>
/// </list>
/// </summary>
public static partial class SqlTemplate
{
    public const string PartialsFolder = "clickhouse/metrics/partials";

    private const int MaxDepth = 8;

    public static string Render(string path, IReadOnlyDictionary<string, string> fragments) =>
        Expand(SqlResources.Read(path), fragments, [], 0, path, Folder(path));

    public static string RenderText(string text, IReadOnlyDictionary<string, string> fragments, string? folder = null) =>
        Expand(text, fragments, [], 0, "(inline)", folder ?? PartialsFolder);

    private static string Expand(string text, IReadOnlyDictionary<string, string> fragments, IReadOnlyList<string> args, int depth, string origin, string folder)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"SQL partials nest deeper than {MaxDepth} levels in {origin}.");
        }

        text = Conditionals(text, fragments, origin);
        return Placeholder().Replace(text, match =>
        {
            var body = match.Groups["body"].Value.Trim();
            if (body.StartsWith('>'))
            {
                return ExpandPartial(body[1..].Trim(), fragments, args, depth, origin, folder);
            }

            if (body.StartsWith('$'))
            {
                var n = int.Parse(body[1..], System.Globalization.CultureInfo.InvariantCulture);
                return n >= 1 && n <= args.Count
                    ? args[n - 1]
                    : throw new InvalidOperationException($"{origin} uses {{{{{body}}}}} but got {args.Count} argument(s).");
            }

            if (body.StartsWith('#') || body.StartsWith('/'))
            {
                throw new InvalidOperationException($"{origin} has {{{{{body}}}}} without its pair ({{{{#if name}}}} … {{{{/if}}}}).");
            }

            return fragments.TryGetValue(body, out var value)
                ? value
                : throw new InvalidOperationException($"{origin} uses {{{{{body}}}}}, which was not supplied.");
        });
    }

    private static string Conditionals(string text, IReadOnlyDictionary<string, string> fragments, string origin) =>
        Conditional().Replace(text, match =>
        {
            var name = match.Groups["name"].Value;
            if (!fragments.TryGetValue(name, out var value))
            {
                throw new InvalidOperationException($"{origin} uses {{{{#if {name}}}}}, which was not supplied.");
            }

            return value switch
            {
                "1" => match.Groups["block"].Value,
                "0" => string.Empty,
                _ => throw new InvalidOperationException($"{origin} uses {{{{#if {name}}}}}, whose value must be 1 or 0, not '{value}'."),
            };
        });

    private static string ExpandPartial(string call, IReadOnlyDictionary<string, string> fragments, IReadOnlyList<string> outerArgs, int depth, string origin, string folder)
    {
        var open = call.IndexOf('(', StringComparison.Ordinal);
        var name = open < 0 ? call : call[..open].Trim();
        var args = open < 0 ? [] : SplitArguments(call[(open + 1)..call.LastIndexOf(')')]);
        args = args.Select(a => ResolveArgument(a, fragments, outerArgs, origin)).ToList();
        var own = $"{folder}/{name}.sql";
        var path = SqlResources.Exists(own) ? own : $"{PartialsFolder}/{name}.sql";
        var text = StripLeadingComments(SqlResources.Read(path));
        return Expand(text, fragments, args, depth + 1, path, folder).TrimEnd();
    }

    private static string Folder(string path) => path.LastIndexOf('/') is var slash and > 0 ? path[..slash] : PartialsFolder;

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

    [GeneratedRegex(@"\{\{#if\s+(?<name>\w+)\s*\}\}(?<block>.*?)\{\{/if\}\}", RegexOptions.Singleline)]
    private static partial Regex Conditional();
}
