using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Insights.Reports.Tests.Support;

/// <summary>
/// A report read the way its readers' tools read it, with the checks every report must pass: pdftotext
/// (search, copy, screen readers) gets whole words; no label touches another label or a line; the words
/// are a reader's, not the API's.
/// </summary>
public static partial class ReportReading
{
    /// <summary>Closest two labels, or a label and a line, may come (points of ink between them).</summary>
    public const double MinimumGap = 1;

    /// <summary>Every word pdftotext extracts is one drawn word, or several run together; never a piece of one ("w eek").</summary>
    public static async Task AssertWholeWordsAsync(byte[] pdf, string name)
    {
        var pages = (await PdfToTextAsync(pdf, name)).Split('\f');
        var layout = PdfLayout.Read(pdf);
        var pieces = new List<string>();
        foreach (var page in layout)
        {
            var drawn = page.Words.GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var tokens = pages[page.Number - 1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            foreach (var token in tokens)
            {
                if (!Consume(drawn, token))
                {
                    pieces.Add($"page {page.Number}: \"{token}\"");
                }
            }
        }

        Assert.True(pieces.Count == 0, $"{name}: pdftotext reads {pieces.Count} words that were not drawn as such (pieces of words?): {string.Join(", ", pieces.Take(40))}");
    }

    /// <summary>No text run's ink comes within <see cref="MinimumGap"/> of another's or of a stroked line.</summary>
    public static void AssertNothingTouches(byte[] pdf, string name)
    {
        var collisions = PdfLayout.Read(pdf).SelectMany(p => p.Collisions(MinimumGap)).ToList();
        Assert.True(collisions.Count == 0, $"{name}: {collisions.Count} labels touch:\n{string.Join('\n', collisions.Take(30))}");
    }

    /// <summary>No endpoint path, URL template, query parameter or configuration key in the text.</summary>
    public static void AssertPlainWords(PdfText text, string name)
    {
        var all = text.All;
        foreach (var (pattern, what) in ApiWords)
        {
            var match = pattern.Match(all);
            Assert.False(match.Success, $"{name} speaks API ({what}): \"{match.Value}\" in …{Around(all, match.Index)}…");
        }

        var hyphen = HyphenMinus().Match(all);
        Assert.False(hyphen.Success, $"{name}: a negative number with a hyphen instead of the minus sign: …{Around(all, hyphen.Index)}…");
    }

    private static readonly (Regex Pattern, string What)[] ApiWords =
    [
        (new Regex(@"/api/|\b(GET|POST) /", RegexOptions.CultureInvariant), "an endpoint"),
        (new Regex(@"\{[a-z_]+\}", RegexOptions.CultureInvariant), "a URL template"),
        (new Regex(@"\b[a-z]+_[a-z_]+\b", RegexOptions.CultureInvariant), "an identifier"),
        (new Regex(@"\b(metrics|reports|surveys|clickhouse)\.[a-z]", RegexOptions.CultureInvariant), "a configuration key"),
        (new Regex(@"=(true|false)\b", RegexOptions.CultureInvariant), "a query parameter"),
    ];

    [GeneratedRegex(@"(^|[\s(])-\d")]
    private static partial Regex HyphenMinus();

    /// <summary>Takes the token from the drawn words: as one word, or as several drawn words run together.</summary>
    private static bool Consume(Dictionary<string, int> drawn, string token)
    {
        if (drawn.GetValueOrDefault(token) > 0)
        {
            drawn[token]--;
            return true;
        }

        foreach (var word in drawn.Keys.Where(w => drawn[w] > 0 && w.Length < token.Length && token.StartsWith(w, StringComparison.Ordinal)).ToList())
        {
            drawn[word]--;
            if (Consume(drawn, token[word.Length..]))
            {
                return true;
            }

            drawn[word]++;
        }

        return false;
    }

    private static async Task<string> PdfToTextAsync(byte[] pdf, string name)
    {
        var file = Path.Combine(Artifacts.Directory("reports"), $"{name}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException("pdftotext did not start (install poppler-utils; ./test.sh does).");
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return text;
    }

    private static string Around(string text, int index) => text[Math.Max(0, index - 60)..Math.Min(text.Length, index + 60)];
}
