using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Insights.Reports.Tests.Support;

/// <summary>
/// A PDF's words in drawing order, read back with PdfPig, and small helpers to find a figure after its
/// label. The report draws a label, then its figure, so "the word after the label" is the figure.
/// </summary>
public sealed partial class PdfText
{
    private PdfText(IReadOnlyList<IReadOnlyList<string>> pages) => Pages = pages;

    /// <summary>Each page's words.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Pages { get; }

    public IReadOnlyList<string> Words => Pages.SelectMany(p => p).ToList();

    public string All => string.Join(' ', Words);

    public static PdfText Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return new PdfText(document.GetPages().Select(p => WordsInDrawingOrder(p.Letters)).ToList());
    }

    /// <summary>
    /// TRICKY: PdfPig's word extractors order words by lines, which mixes side-by-side tiles. Letters
    /// come in the content stream's order, so words are built from them: a word ends at a space or
    /// where the next letter does not continue the line right after the previous one.
    /// </summary>
    private static IReadOnlyList<string> WordsInDrawingOrder(IReadOnlyList<Letter> letters)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        Letter? previous = null;
        foreach (var letter in letters)
        {
            var continues = previous is not null
                && Math.Abs(letter.StartBaseLine.Y - previous.StartBaseLine.Y) < 0.5
                && letter.StartBaseLine.X >= previous.EndBaseLine.X - 0.5
                && letter.StartBaseLine.X - previous.EndBaseLine.X < previous.PointSize * 0.15;
            if ((!continues || string.IsNullOrWhiteSpace(letter.Value)) && current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }

            if (!string.IsNullOrWhiteSpace(letter.Value))
            {
                current.Append(letter.Value);
            }

            previous = letter;
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>The index just after the first occurrence of <paramref name="label"/> (its words in a row) at or after <paramref name="from"/>.</summary>
    public int IndexAfter(string label, int from = 0)
    {
        var tokens = label.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var words = Words;
        for (var i = from; i + tokens.Length <= words.Count; i++)
        {
            if (tokens.Select((t, k) => words[i + k] == t).All(x => x))
            {
                return i + tokens.Length;
            }
        }

        throw new Xunit.Sdk.XunitException($"'{label}' is not in the PDF text (from word {from}): {string.Join(' ', words.Skip(from).Take(200))}");
    }

    /// <summary>The word right after the label.</summary>
    public string WordAfter(string label, int from = 0) => Words[IndexAfter(label, from)];

    /// <summary>The next <paramref name="count"/> figures after <paramref name="start"/>: numbers (a leading one of a word) and "—" (null); other words are skipped.</summary>
    public IReadOnlyList<double?> FiguresFrom(int start, int count)
    {
        var figures = new List<double?>();
        var words = Words;
        for (var i = start; i < words.Count && figures.Count < count; i++)
        {
            if (words[i] == "—")
            {
                figures.Add(null);
            }
            else if (Number(words[i]) is { } number)
            {
                figures.Add(number);
            }
        }

        return figures;
    }

    /// <summary>The number a word starts with ("24.5", "63.16%", "−3" → -3), or null.</summary>
    public static double? Number(string word)
    {
        var match = LeadingNumber().Match(word.Replace('−', '-'));
        return match.Success ? double.Parse(match.Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"^[-+]?\d+(\.\d+)?")]
    private static partial Regex LeadingNumber();
}
