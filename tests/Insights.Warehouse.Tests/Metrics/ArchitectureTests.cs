using System.Text.RegularExpressions;
using Insights.Domain.Metrics;
using Insights.TestSupport;

namespace Insights.Warehouse.Tests.Metrics;

/// <summary>
/// One home per metric (docs/adr/0005-one-folder-per-metric-and-its-rows.md): the metric engine, the API,
/// Grafana and the report read everything about a metric from its folder's manifest and SQL, so their code
/// names no metric — neither a name in a string nor one of MetricCatalog's lookups by name.
/// </summary>
public partial class ArchitectureTests
{
    private static readonly string[] Folders =
    [
        "src/Insights.Warehouse/Metrics",
        "src/Insights.Server/Apis",
        "src/Insights.Server/Grafana",
        "src/Insights.Server/Metrics",
        "src/Insights.Reports",
    ];

    [Fact]
    public void EngineApiGrafanaAndReport_NameNoMetric()
    {
        // A unit may be spelt like its metric ("nps"): the report's words for units are about units.
        var names = MetricCatalog.All.Select(m => m.Name).Except(MetricCatalog.All.Select(m => m.Unit)).ToList();
        var lookups = typeof(MetricCatalog).GetProperties().Where(p => p.PropertyType == typeof(MetricDefinition)).Select(p => "MetricCatalog." + p.Name).ToList();
        var found = new List<string>();
        foreach (var file in Folders.SelectMany(f => Directory.EnumerateFiles(RepositoryFiles.Path(f.Split('/')), "*.cs", SearchOption.AllDirectories)))
        {
            if (file.Contains("/obj/", StringComparison.Ordinal) || file.Contains("/bin/", StringComparison.Ordinal))
            {
                continue;
            }

            var text = Comments().Replace(File.ReadAllText(file), string.Empty);
            found.AddRange(names.Where(n => text.Contains($"\"{n}\"", StringComparison.Ordinal)).Select(n => $"{Path.GetFileName(file)}: \"{n}\""));
            found.AddRange(lookups.Where(l => Regex.IsMatch(text, Regex.Escape(l) + @"\b")).Select(l => $"{Path.GetFileName(file)}: {l}"));
        }

        Assert.True(found.Count == 0, "Metric-specific code outside the metric folders:\n" + string.Join("\n", found));
    }

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();
}
