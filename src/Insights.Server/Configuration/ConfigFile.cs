using Insights.Domain.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Insights.Server.Configuration;

/// <summary>
/// Reads the YAML file named by <c>INSIGHTS_CONFIG</c> into configuration keys, checking it against
/// <see cref="InsightsConfigSchema"/>. Errors name the key by its YAML path (<c>metrics.cold_start_days</c>).
/// </summary>
public static class ConfigFile
{
    public static IReadOnlyDictionary<string, string?> Load(string path, ConfigObject schema)
    {
        if (!File.Exists(path))
        {
            throw new ConfigFileException(path, [$"the file does not exist (INSIGHTS_CONFIG={path})"]);
        }

        return Parse(File.ReadAllText(path), schema, path);
    }

    public static IReadOnlyDictionary<string, string?> Parse(string yaml, ConfigObject schema, string origin = "(text)")
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ConfigFileException(origin, [$"line {ex.Start.Line}, column {ex.Start.Column}: not valid YAML ({ex.Message})"]);
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is not YamlScalarNode { Value: null or "" })
        {
            Walk(stream.Documents[0].RootNode, schema, yamlPath: "", configPath: "", values, errors);
        }

        if (errors.Count > 0)
        {
            throw new ConfigFileException(origin, errors);
        }

        return values;
    }

    private static void Walk(YamlNode node, ConfigNode schema, string yamlPath, string configPath, Dictionary<string, string?> values, List<string> errors)
    {
        var where = yamlPath.Length == 0 ? "the file" : yamlPath;
        switch (schema)
        {
            case ConfigObject obj:
                if (node is not YamlMappingNode mapping)
                {
                    errors.Add($"{where} (line {node.Start.Line}): must be a mapping of keys");
                    return;
                }

                foreach (var (keyNode, child) in mapping.Children)
                {
                    var key = ((YamlScalarNode)keyNode).Value ?? "";
                    var childPath = yamlPath.Length == 0 ? key : $"{yamlPath}.{key}";
                    if (!obj.Fields.TryGetValue(key, out var field))
                    {
                        var hint = obj.Fields.Keys.OrderBy(k => NameSuggestions.Distance(k, key)).FirstOrDefault();
                        errors.Add($"{childPath} (line {keyNode.Start.Line}): unknown key" + (hint is not null && NameSuggestions.Distance(hint, key) <= 3 ? $"; did you mean '{hint}'?" : $"; known keys here: {string.Join(", ", obj.Fields.Keys)}"));
                        continue;
                    }

                    Walk(child, field.Node, childPath, configPath.Length == 0 ? field.Config : $"{configPath}:{field.Config}", values, errors);
                }

                return;
            case ConfigList list:
                if (node is not YamlSequenceNode sequence)
                {
                    errors.Add($"{where} (line {node.Start.Line}): must be a list");
                    return;
                }

                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Walk(sequence.Children[i], list.Item, $"{yamlPath}[{i}]", $"{configPath}:{i}", values, errors);
                }

                return;
            case ConfigMap map:
                if (node is not YamlMappingNode entries)
                {
                    errors.Add($"{where} (line {node.Start.Line}): must be a mapping");
                    return;
                }

                foreach (var (keyNode, child) in entries.Children)
                {
                    var key = ((YamlScalarNode)keyNode).Value ?? "";
                    Walk(child, map.Value, $"{yamlPath}.{key}", $"{configPath}:{key}", values, errors);
                }

                return;
            case ConfigScalar scalar:
                if (node is not YamlScalarNode { Value: { } text })
                {
                    errors.Add($"{where} (line {node.Start.Line}): must be {scalar.Expected}");
                    return;
                }

                if (scalar.Check(text.Trim()) is { } problem)
                {
                    errors.Add($"{where} (line {node.Start.Line}): {problem}; got '{text}'");
                    return;
                }

                values[configPath] = text.Trim();
                return;
        }
    }
}
