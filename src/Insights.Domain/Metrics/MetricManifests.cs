using System.Globalization;
using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Insights.Domain.Metrics;

/// <summary>
/// Reads the metric manifests (<c>sql/clickhouse/metrics/*/metric.yaml</c>) and the reason sentences
/// (<c>sql/clickhouse/metrics/reasons.yaml</c>), embedded in this assembly, and checks them: a mistake in
/// a manifest fails at the first use of the catalog (and in MetricCatalogTests), naming the file.
/// </summary>
public static class MetricManifests
{
    public static readonly IReadOnlyList<string> KnownFilters = ["team", "service", "environment", "golden_path", "campaign"];

    public static readonly IReadOnlyList<string> KnownGroupings = ["team", "golden_path"];

    public static readonly IReadOnlyList<string> KnownReproductions = ["percentiles", "share", "count_per_week"];

    private const string Prefix = "metrics/";

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public sealed record Loaded(IReadOnlyList<MetricDefinition> Metrics, IReadOnlyList<MetricDefinition> FourKeys, IReadOnlyDictionary<string, string> Reasons);

    public static Loaded Load()
    {
        var assembly = typeof(MetricManifests).Assembly;
        var reasons = Read<Dictionary<string, string>>(assembly, Prefix + "reasons.yaml") ?? [];
        var metrics = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith("/metric.yaml", StringComparison.Ordinal))
            .Select(n => Parse(n, Read<Manifest>(assembly, n) ?? throw new InvalidDataException($"{n} is empty."), reasons))
            .OrderBy(m => m.Order)
            .ThenBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
        var keys = metrics.Where(m => m.DoraKey is not null).OrderBy(m => m.DoraKey).ToList();
        if (keys.Count != 4 || keys.Select(k => k.DoraKey).Distinct().Count() != 4)
        {
            throw new InvalidDataException($"Four metrics must have dora_key 1 to 4, once each; found {string.Join(", ", keys.Select(k => $"{k.Name}={k.DoraKey}"))}.");
        }

        return new Loaded(metrics, keys, reasons);
    }

    private static T? Read<T>(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource) ?? throw new FileNotFoundException($"No embedded {resource}.");
        using var reader = new StreamReader(stream);
        try
        {
            return Yaml.Deserialize<T>(reader);
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"sql/clickhouse/{resource} (line {ex.Start.Line}): {ex.InnerException?.Message ?? ex.Message}", ex);
        }
    }

    private static MetricDefinition Parse(string resource, Manifest m, IReadOnlyDictionary<string, string> reasons)
    {
        var name = resource[Prefix.Length..resource.LastIndexOf('/')];
        var file = $"sql/clickhouse/{resource}";
        void Check(bool ok, string problem)
        {
            if (!ok)
            {
                throw new InvalidDataException($"{file}: {problem}");
            }
        }

        Check(!string.IsNullOrWhiteSpace(m.Title) && !string.IsNullOrWhiteSpace(m.Unit), "title and unit are required.");
        Check(m.Filters.Contains("team"), "every metric takes the team filter.");
        Check(m.Filters.All(KnownFilters.Contains), $"filters must be among {string.Join(", ", KnownFilters)}.");
        Check(m.Groupings.All(KnownGroupings.Contains), $"groupings must be among {string.Join(", ", KnownGroupings)}.");
        var items = m.Items ?? new ItemsManifest();
        Check(items.Forbidden is not null || KnownReproductions.Contains(items.Reproduces ?? ""), $"items.reproduces must be one of {string.Join(", ", KnownReproductions)}.");
        Check(items.Reasons.All(reasons.ContainsKey), $"items.reasons names a code that reasons.yaml does not explain: {string.Join(", ", items.Reasons.Where(r => !reasons.ContainsKey(r)))}.");
        Check(m.Report?.Window is null or "week" or "twelve_weeks", "report.window must be week or twelve_weeks.");
        if (m.Report?.Contributors is { } named)
        {
            // Rows a report may print: never survey answers nor rows of a group that can be under the threshold.
            Check(items.Forbidden is null && !items.PrivateGroups, "report.contributors cannot name the rows of a metric whose items are forbidden or private to groups.");
            Check(items.Reproduces is "percentiles" or "share", "report.contributors needs items that reproduce percentiles or a share.");
            Check(!string.IsNullOrWhiteSpace(named.Label) && named.Top is >= 1 and <= 5, "report.contributors needs a label and top from 1 to 5.");
            Check(named.Detail is null || items.Columns.SelectMany(c => c.Keys).Contains(named.Detail), $"report.contributors.detail must be one of items.columns; got '{named.Detail}'.");
        }

        return new MetricDefinition
        {
            Name = name,
            Title = m.Title!,
            Unit = m.Unit!,
            SeriesUnit = m.SeriesUnit,
            Order = m.Order,
            DoraKey = m.DoraKey,
            HigherIsBetter = m.HigherIsBetter,
            Distribution = m.Distribution,
            Filters = m.Filters,
            Groupings = m.Groupings,
            Figures = m.Figures.SelectMany(f => f).Select(f => new MetricFigure(f.Key, EmptyValue(f.Value))).ToList(),
            GoldenPathComparison = m.GoldenPathComparison,
            Docs = m.Docs ?? "docs/metrics.md",
            Items = new MetricItemsDefinition
            {
                Kinds = items.Kinds,
                Reproduces = items.Reproduces ?? "",
                Reasons = items.Reasons,
                Columns = items.Columns.SelectMany(c => c).Select(c => new MetricItemColumn(c.Key, c.Value)).ToList(),
                PrivateGroups = items.PrivateGroups,
                Forbidden = items.Forbidden,
            },
            Report = m.Report is not { } r ? null : new MetricReportDefinition
            {
                Tile = r.Tile,
                Label = r.Label ?? m.Title!,
                ShortTitle = r.ShortTitle ?? m.Title!,
                DoraLabel = r.DoraLabel,
                Column = r.Column,
                ChartTitle = r.ChartTitle,
                Window = r.Window ?? "week",
                CountNoun = r.CountNoun ?? "",
                Watched = r.Watched,
                GoldenPathSection = r.GoldenPathSection,
                TeamTable = r.TeamTable,
                BreakdownSection = r.BreakdownSection,
                StagesSection = r.StagesSection,
                NoData = r.NoData,
                Margin = r.Margin,
                Detail = r.Detail,
                Contributors = r.Contributors is { } c ? new MetricReportContributors(c.Label!, c.Top, c.Detail) : null,
            },
        };
    }

    /// <summary>A figure's empty value as YAML writes it: a whole number, true/false, or null.</summary>
    private static object? EmptyValue(string? text) => text switch
    {
        null or "" or "null" or "~" => null,
        "true" => true,
        "false" => false,
        _ when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => throw new InvalidDataException($"A figure's empty value must be a whole number, true, false or null; got '{text}'."),
    };

    // The YAML shapes (snake_case keys); unknown keys are an error.
    private sealed class Manifest
    {
        public string? Title { get; set; }

        public string? Unit { get; set; }

        public string? SeriesUnit { get; set; }

        public int Order { get; set; }

        public int? DoraKey { get; set; }

        public bool HigherIsBetter { get; set; }

        public bool Distribution { get; set; }

        public List<string> Filters { get; set; } = [];

        public List<string> Groupings { get; set; } = [];

        public List<Dictionary<string, string?>> Figures { get; set; } = [];

        public bool GoldenPathComparison { get; set; }

        public string? Docs { get; set; }

        public ItemsManifest? Items { get; set; }

        public ReportManifest? Report { get; set; }
    }

    private sealed class ItemsManifest
    {
        public List<string> Kinds { get; set; } = [];

        public string? Reproduces { get; set; }

        public List<string> Reasons { get; set; } = [];

        public List<Dictionary<string, string>> Columns { get; set; } = [];

        public bool PrivateGroups { get; set; }

        public string? Forbidden { get; set; }
    }

    private sealed class ReportManifest
    {
        public int? Tile { get; set; }

        public string? Label { get; set; }

        public string? ShortTitle { get; set; }

        public string? DoraLabel { get; set; }

        public string? Column { get; set; }

        public string? ChartTitle { get; set; }

        public string? Window { get; set; }

        public string? CountNoun { get; set; }

        public bool Watched { get; set; }

        public bool GoldenPathSection { get; set; }

        public bool TeamTable { get; set; }

        public bool BreakdownSection { get; set; }

        public string? StagesSection { get; set; }

        public string? NoData { get; set; }

        public string? Margin { get; set; }

        public string? Detail { get; set; }

        public ContributorsManifest? Contributors { get; set; }
    }

    private sealed class ContributorsManifest
    {
        public string? Label { get; set; }

        public int Top { get; set; } = 2;

        public string? Detail { get; set; }
    }
}
