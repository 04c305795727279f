using Insights.Domain.Text;

namespace Insights.Domain.Tests.Text;

public class NameSuggestionsTests
{
    private static readonly string[] Teams = ["payments", "payments-7", "checkout", "Platform", "platform-ops", "red"];

    [Fact]
    public void Closest_IsTheSameNameInAnotherCase_First()
    {
        Assert.Equal(["Platform"], NameSuggestions.Closest("platform", Teams));
        Assert.Equal(["payments"], NameSuggestions.Closest("PAYMENTS", Teams));
    }

    [Fact]
    public void Closest_AreNamesAFewEditsAway_NearestFirst()
    {
        Assert.Equal(["payments"], NameSuggestions.Closest("paymnets", Teams));
        Assert.Equal(["checkout"], NameSuggestions.Closest("chekout", Teams));
        Assert.Equal(["red"], NameSuggestions.Closest("rde", Teams));
    }

    [Fact]
    public void Closest_FallsBackToNamesContainingIt_AndIsEmptyOtherwise()
    {
        Assert.Equal(["platform-ops"], NameSuggestions.Closest("ops", ["platform-ops", "red"]));
        Assert.Empty(NameSuggestions.Closest("zzzzzzzz", Teams));
        Assert.Empty(NameSuggestions.Closest("x", []));
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("alpah", "alpha", 2)]
    [InlineData("abc", "", 3)]
    public void Distance_IsLevenshtein(string a, string b, int expected) => Assert.Equal(expected, NameSuggestions.Distance(a, b));
}
