using System.Collections.Concurrent;
using System.Reflection;

namespace Insights.Warehouse.Sql;

/// <summary>The repository's <c>sql/</c> folder, embedded in this assembly (paths like <c>clickhouse/0001_deployments.sql</c>).</summary>
public static class SqlResources
{
    private const string Prefix = "sql/";
    private static readonly Assembly Assembly = typeof(SqlResources).Assembly;
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string Read(string path) => Cache.GetOrAdd(path, static p =>
    {
        using var stream = Assembly.GetManifestResourceStream(Prefix + p)
            ?? throw new FileNotFoundException($"No embedded SQL file 'sql/{p}'.", p);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static bool Exists(string path) => Assembly.GetManifestResourceInfo(Prefix + path) is not null;

    /// <summary>Files directly in a folder (not its subfolders), ordered by name.</summary>
    public static IReadOnlyList<string> List(string folder)
    {
        var prefix = Prefix + folder.TrimEnd('/') + "/";
        return Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && !n[prefix.Length..].Contains('/', StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
