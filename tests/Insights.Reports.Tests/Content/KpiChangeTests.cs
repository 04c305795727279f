using Insights.Domain.Metrics;
using Insights.Reports.Content;
using Insights.Reports.Tests.Support;

namespace Insights.Reports.Tests.Content;

public sealed class KpiChangeTests
{
    [Fact]
    public void Change_IsTheDifferenceOfTheTwoAnswers_JudgedInTheMetricsDirection_BeyondTheNoise()
    {
        // Lead time 20 → 24.5 h is 22.5 % slower (past 20 %); deployments 17 → 21 is 23.5 % more.
        var slower = KpiChange.Between(MetricCatalog.LeadTime, SampleReport.Values(24.5, 18), SampleReport.Values(20, 12));
        var moreDeploys = KpiChange.Between(MetricCatalog.DeploymentFrequency, SampleReport.Values(21, 21), SampleReport.Values(17, 17));
        var moreFailures = KpiChange.Between(MetricCatalog.ChangeFailureRate, SampleReport.Values(16, 25), SampleReport.Values(10, 20));

        Assert.Equal(new KpiChange(ChangeVerdict.Worse, 4.5), slower);
        Assert.Equal(new KpiChange(ChangeVerdict.Better, 4), moreDeploys);
        Assert.Equal(new KpiChange(ChangeVerdict.Worse, 6), moreFailures);
        Assert.Equal(ChangeVerdict.Unchanged, KpiChange.Between(MetricCatalog.LeadTime, SampleReport.Values(3, 9), SampleReport.Values(3, 9)).Verdict);
    }

    [Fact]
    public void Change_IsShownButNotJudged_WithinTheNoise()
    {
        // 1.9 % slower, 3.16 points more adoption, 1.6 → 5.71 % failures (4.11 points): all under the thresholds.
        Assert.Equal(new KpiChange(ChangeVerdict.WithinNoise, 1), KpiChange.Between(MetricCatalog.LeadTime, SampleReport.Values(53.63, 200), SampleReport.Values(52.63, 180)));
        Assert.Equal(new KpiChange(ChangeVerdict.WithinNoise, 3.16), KpiChange.Between(MetricCatalog.AdoptionRate, SampleReport.Values(63.16, 19), SampleReport.Values(60, 20)));
        Assert.Equal(new KpiChange(ChangeVerdict.WithinNoise, 4.11), KpiChange.Between(MetricCatalog.ChangeFailureRate, SampleReport.Values(5.71, 35), SampleReport.Values(1.6, 125)));
    }

    [Fact]
    public void Change_IsNotCompared_WhenEitherSideIsALowSample()
    {
        var change = KpiChange.Between(MetricCatalog.RecoveryTime, SampleReport.Values(3.5, 4), SampleReport.Values(1, 9));
        var seriesPoint = new Warehouse.Metrics.MetricValues { ["value"] = 1.0, ["n"] = 2L };

        Assert.Equal(new KpiChange(ChangeVerdict.LowSample, null), change);
        Assert.Equal(ChangeVerdict.LowSample, KpiChange.Between(MetricCatalog.RecoveryTime, SampleReport.Values(3.5, 40), seriesPoint).Verdict);
    }

    [Fact]
    public void NpsChange_IsNotJudged_InsideTheMarginOfError()
    {
        var inside = KpiChange.Between(MetricCatalog.Nps, SampleReport.Values(32, 120, null, ("margin_of_error", 8.5)), SampleReport.Values(25, 100));
        var outside = KpiChange.Between(MetricCatalog.Nps, SampleReport.Values(32, 120, null, ("margin_of_error", 8.5)), SampleReport.Values(20, 100));

        Assert.Equal(new KpiChange(ChangeVerdict.WithinNoise, 7, 8.5), inside);
        Assert.Equal(new KpiChange(ChangeVerdict.Better, 12), outside);
    }

    [Fact]
    public void Change_IsNotComparable_WithoutBothFigures()
    {
        Assert.Equal(ChangeVerdict.NotComparable, KpiChange.Between(MetricCatalog.LeadTime, SampleReport.Values(null, 0), SampleReport.Values(3, 9)).Verdict);
        Assert.Equal(ChangeVerdict.NotComparable, KpiChange.Between(MetricCatalog.LeadTime, SampleReport.Values(3, 9), SampleReport.Values(null, 0)).Verdict);
        Assert.Equal(ChangeVerdict.NotComparable, KpiChange.Between(MetricCatalog.LeadTime, SampleReport.Values(3, 9), null).Verdict);
    }
}
