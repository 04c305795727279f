using System.Text.Json;
using System.Text.Json.Serialization;

namespace Insights.Domain.Metrics;

/// <summary>
/// A benchmark set (DORA 2023, DORA 2024) held as data: per metric, ordered cut-offs from elite down.
/// A summary that passes none of them is <see cref="Band.Low"/>.
/// </summary>
public sealed class Benchmark
{
    private static readonly Lazy<IReadOnlyDictionary<string, Benchmark>> Loaded = new(Load);

    private Benchmark(string name, string title, string note, IReadOnlyDictionary<string, IReadOnlyList<BandRule>> rules)
    {
        Name = name;
        Title = title;
        Note = note;
        Rules = rules;
    }

    public string Name { get; }

    public string Title { get; }

    public string Note { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<BandRule>> Rules { get; }

    public static IReadOnlyDictionary<string, Benchmark> All => Loaded.Value;

    public static bool TryGet(string name, out Benchmark benchmark) => All.TryGetValue(name, out benchmark!);

    public bool Rates(string metric) => Rules.ContainsKey(metric);

    /// <summary>The band of a summary, or null when the metric has no bands or the summary has no value.</summary>
    /// <param name="field">Reads a summary field (e.g. <c>value</c>); null when absent.</param>
    public Band? Classify(string metric, Func<string, double?> field)
    {
        if (!Rules.TryGetValue(metric, out var rules) || field(rules[0].Field) is null)
        {
            return null;
        }

        foreach (var rule in rules)
        {
            if (field(rule.Field) is { } value && rule.Passes(value))
            {
                return rule.Band;
            }
        }

        return Band.Low;
    }

    private static IReadOnlyDictionary<string, Benchmark> Load()
    {
        var assembly = typeof(Benchmark).Assembly;
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        };
        var sets = new Dictionary<string, Benchmark>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".json", StringComparison.Ordinal) && n.Contains(".Benchmarks.", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            var file = JsonSerializer.Deserialize<BenchmarkFile>(stream, options)!;
            sets[file.Name] = new Benchmark(file.Name, file.Title, file.Note, file.Rules.ToDictionary(r => r.Key, r => (IReadOnlyList<BandRule>)r.Value, StringComparer.Ordinal));
        }

        return sets;
    }

    private sealed record BenchmarkFile(string Name, string Title, string Note, Dictionary<string, List<BandRule>> Rules);
}
