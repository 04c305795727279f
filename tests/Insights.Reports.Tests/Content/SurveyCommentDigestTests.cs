using Insights.Reports.Content;

namespace Insights.Reports.Tests.Content;

public sealed class SurveyCommentDigestTests
{
    [Fact]
    public void SameComment_IsPrintedOnce_WithItsCountAndGroups_MostWrittenFirst()
    {
        var (shown, omitted) = SurveyCommentSource.Digest(
        [
            ("checkout", ["Deploys are boring now.", "CI is slow.", "deploys are  boring now. "]),
            ("payments", ["Deploys are boring now.", "Docs could be better."]),
            ("other teams", ["Deploys are boring now.", "", "CI is slow."]),
        ], max: 15);

        Assert.Equal(
            [("Deploys are boring now.", 4, "checkout, payments, other teams"), ("CI is slow.", 2, "checkout, other teams"), ("Docs could be better.", 1, "payments")],
            shown.Select(c => (c.Text, c.Count, string.Join(", ", c.Groups))));
        Assert.Equal(0, omitted);
    }

    [Fact]
    public void EveryGroupIsHeard_BeforeAnyGroupSpeaksTwice_UpToTheCap()
    {
        // In turn: checkout "a", payments "c" ("a" is taken), search "e"; then checkout "b" (the cap).
        var (shown, omitted) = SurveyCommentSource.Digest(
        [
            ("checkout", ["a", "b"]),
            ("payments", ["a", "c", "d"]),
            ("search", ["e"]),
        ], max: 4);

        Assert.Equal(["a", "c", "e", "b"], shown.Select(c => c.Text));
        Assert.Equal(1, omitted);
    }

    [Fact]
    public void NoGroups_NoComments() =>
        Assert.Empty(SurveyCommentSource.Digest([], 15).Shown);
}
