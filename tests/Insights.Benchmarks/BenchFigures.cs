namespace Insights.Benchmarks;

/// <summary>A benchmark's figures as labelled rows, so that two runs (single node, cluster) print side by side.</summary>
public sealed class BenchFigures(string title)
{
    public string Title { get; } = title;

    /// <summary>The database the run read, for a following run on the same data.</summary>
    public string? Database { get; init; }

    public List<(string Label, string Value)> Rows { get; } = [];

    public void Add(string label, string value) => Rows.Add((label, value));

    /// <summary>Prints the runs' rows next to each other (the same labels, in the first run's order).</summary>
    public static void PrintSideBySide(IReadOnlyList<(string Run, BenchFigures Figures)> runs)
    {
        var width = runs.SelectMany(r => r.Figures.Rows).Max(r => r.Label.Length);
        var columns = runs.Select(r => Math.Max(r.Run.Length, r.Figures.Rows.Max(x => x.Value.Length))).ToList();
        Console.WriteLine();
        Console.WriteLine(runs[0].Figures.Title);
        Console.WriteLine($"{"",-24}".PadRight(width) + "  " + string.Join("  ", runs.Select((r, i) => r.Run.PadLeft(columns[i]))));
        foreach (var (label, _) in runs[0].Figures.Rows)
        {
            Console.WriteLine(label.PadRight(width) + "  " + string.Join("  ", runs.Select((r, i) =>
                (r.Figures.Rows.FirstOrDefault(x => x.Label == label).Value ?? "").PadLeft(columns[i]))));
        }
    }
}
