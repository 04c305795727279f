using Insights.Reports.Layout;

namespace Insights.Reports.Tests.Layout;

/// <summary>Line breaking with a monospaced measure (one point per character), so widths are countable.</summary>
public sealed class LineBreakerTests
{
    private static float Measure(string text) => text.Length;

    private static string Fit(string text, float width) => text.Length <= width ? text : text[..((int)width - 1)] + "…";

    [Fact]
    public void TileLine_BreaksBetweenItsParts_SoADateStaysWhole()
    {
        const string text = "n = 21 deployments · 16–22 Nov 2026";

        var lines = LineBreaker.TwoLines(text, Measure, 26, t => Fit(t, 26));

        // Broken at spaces it would read "n = 21 deployments · 16–22" / "Nov 2026".
        Assert.Equal(["n = 21 deployments ·", "16–22 Nov 2026"], lines);
    }

    [Fact]
    public void TileLine_PrefersTheLastSeparatorThatLetsBothHalvesFit()
    {
        var lines = LineBreaker.TwoLines("n = 37 · 20 promoters, 7 detractors · 12 weeks to 22 Nov", Measure, 40, t => Fit(t, 40));

        Assert.Equal(["n = 37 · 20 promoters, 7 detractors ·", "12 weeks to 22 Nov"], lines);
    }

    [Fact]
    public void TileLine_WithoutAFittingSeparator_WrapsAtSpaces_AndEndsInAnEllipsisPastTwoLines()
    {
        var twoLines = LineBreaker.TwoLines("change not shown: low sample (n < 5)", Measure, 24, t => Fit(t, 24));
        var threeLines = LineBreaker.TwoLines("alpha beta gamma delta epsilon zeta eta theta", Measure, 12, t => Fit(t, 12));

        Assert.Equal(["change not shown: low", "sample (n < 5)"], twoLines);
        Assert.Equal(["alpha beta", "gamma delta…"], threeLines);
    }

    [Fact]
    public void NoBreakSpaces_KeepTheirWordsOnOneLine()
    {
        Assert.Equal(["low sample (n", "< 5)"], LineBreaker.Wrap("low sample (n < 5)", Measure, 14));
        Assert.Equal(["low sample", "(n\u00A0<\u00A05)"], LineBreaker.Wrap("low sample (n\u00A0<\u00A05)", Measure, 14));
    }

    [Fact]
    public void ShortText_IsOneLine_AndWrapNeverLosesAWord()
    {
        const string text = "every word of a long paragraph stays, in order, across its lines";

        Assert.Equal(["fits"], LineBreaker.TwoLines("fits", Measure, 10, t => t));
        var lines = LineBreaker.Wrap(text, Measure, 15);
        Assert.Equal(text, string.Join(' ', lines));
        Assert.All(lines, l => Assert.True(l.Length <= 15, l));
    }
}
