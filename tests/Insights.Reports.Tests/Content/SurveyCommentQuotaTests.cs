using Insights.Reports.Content;

namespace Insights.Reports.Tests.Content;

public sealed class SurveyCommentQuotaTests
{
    [Theory]
    // One from each group in turn: [1,1,1] (3 left), then the first group is empty: [1,2,2] (1 left), then [1,3,2].
    [InlineData(new[] { 1, 10, 3 }, 6, new[] { 1, 3, 2 })]
    // Fewer comments than the cap: all of them.
    [InlineData(new[] { 2, 0, 1 }, 15, new[] { 2, 0, 1 })]
    // More groups than the cap: the first groups, one each.
    [InlineData(new[] { 4, 4, 4, 4 }, 3, new[] { 1, 1, 1, 0 })]
    [InlineData(new int[0], 15, new int[0])]
    public void EveryGroupIsHeard_BeforeAnyGroupSpeaksTwice(int[] available, int max, int[] expected) =>
        Assert.Equal(expected, SurveyCommentSource.Quotas(available, max));
}
