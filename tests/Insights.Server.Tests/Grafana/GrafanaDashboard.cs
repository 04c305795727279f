using Insights.TestSupport;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Insights.Server.Tests.Grafana;

/// <summary>A dashboard JSON file of dashboards/, read as Grafana reads it: panels (also inside rows), variables, annotations.</summary>
public sealed partial class GrafanaDashboard
{
    private GrafanaDashboard(string file, JsonObject model)
    {
        File = file;
        Model = model;
    }

    /// <summary>The path below dashboards/.</summary>
    public string File { get; }

    public JsonObject Model { get; }

    public string Title => Model["title"]!.GetValue<string>();

    public string TimeFrom => Model["time"]?["from"]?.GetValue<string>() ?? "now-6h";

    public string TimeTo => Model["time"]?["to"]?.GetValue<string>() ?? "now";

    /// <summary>Every *.json file under dashboards/ (recursively), relative to it.</summary>
    public static IReadOnlyList<string> Files()
    {
        var root = RepositoryFiles.Path("dashboards");
        return [.. Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
    }

    public static GrafanaDashboard Load(string file) =>
        new(file, JsonNode.Parse(System.IO.File.ReadAllText(RepositoryFiles.Path("dashboards", file)))!.AsObject());

    public IReadOnlyList<JsonObject> Panels =>
        [.. (Model["panels"]?.AsArray() ?? []).SelectMany(p => p!["type"]?.GetValue<string>() == "row"
            ? (p["panels"]?.AsArray() ?? []).Select(n => n!.AsObject())
            : [p.AsObject()])];

    public IReadOnlyList<JsonObject> Variables => [.. (Model["templating"]?["list"]?.AsArray() ?? []).Select(v => v!.AsObject())];

    public IReadOnlyList<JsonObject> Annotations => [.. (Model["annotations"]?["list"]?.AsArray() ?? []).Select(a => a!.AsObject())];

    public static IReadOnlyList<JsonObject> Targets(JsonObject panel) => [.. (panel["targets"]?.AsArray() ?? []).Select(t => t!.AsObject())];

    /// <summary>The fields a panel keeps with a "filter fields by name" transformation (empty: all).</summary>
    public static IReadOnlyList<string> FieldsKept(JsonObject panel) =>
        [.. (panel["transformations"]?.AsArray() ?? [])
            .Where(t => t?["id"]?.GetValue<string>() == "filterFieldsByName")
            .SelectMany(t => t!["options"]?["include"]?["names"]?.AsArray() ?? [])
            .Select(n => n!.GetValue<string>())];

    /// <summary>
    /// The field names a panel refers to: kept by a transformation, picked by an exact-name regex
    /// (<c>/^(value|band)$/</c>), or matched by "byName" overrides.
    /// </summary>
    public static IReadOnlyList<string> FieldsReferenced(JsonObject panel)
    {
        var names = new List<string>(FieldsKept(panel));
        if (panel["options"]?["reduceOptions"]?["fields"]?.GetValue<string>() is { Length: > 0 } fields && ExactNames().Match(fields) is { Success: true } match)
        {
            names.AddRange(match.Groups[1].Value.Split('|'));
        }

        foreach (var overrideNode in panel["fieldConfig"]?["overrides"]?.AsArray() ?? [])
        {
            if (overrideNode?["matcher"]?["id"]?.GetValue<string>() == "byName")
            {
                names.Add(overrideNode["matcher"]!["options"]!.GetValue<string>());
            }
        }

        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"^/\^\(?([\w|-]+)\)?\$/$")]
    private static partial Regex ExactNames();
}
