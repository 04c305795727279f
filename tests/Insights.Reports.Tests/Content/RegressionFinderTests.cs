using Insights.Domain.Metrics;
using Insights.Reports.Content;
using Insights.Reports.Tests.Support;
using Insights.Warehouse.Metrics;

namespace Insights.Reports.Tests.Content;

public sealed class RegressionFinderTests
{
    [Fact]
    public void Rank_OrdersWorseningsByHowFarPastTheNoise_FromZeroFirst_ThenByTeamAndMetric()
    {
        var ranked = RegressionFinder.Rank(
        [
            ("red", MetricCatalog.LeadTime, SampleReport.Values(30, 20), SampleReport.Values(20, 40)),              // 50 % slower: 2.5× the 20 %
            ("red", MetricCatalog.DeploymentFrequency, SampleReport.Values(10, 10), SampleReport.Values(20, 80)),   // 50 % fewer: 2.5×
            ("blue", MetricCatalog.RecoveryTime, SampleReport.Values(2, 16), SampleReport.Values(0, 70)),            // from 0: no share, first
            ("blue", MetricCatalog.ChangeFailureRate, SampleReport.Values(12.5, 16), SampleReport.Values(0, 70)),    // 12.5 points: 2.5× the 5
            ("blue", MetricCatalog.AdoptionRate, SampleReport.Values(90, 16), SampleReport.Values(80, 70)),          // better: not a regression
        ]);

        Assert.Equal(
            [("blue", "recovery-time", 2.0, (double?)null), ("blue", "change-failure-rate", 12.5, null), ("red", "deployment-frequency", -10.0, 50.0), ("red", "lead-time", 10.0, 50.0)],
            ranked.Select(r => (r.Team!, r.Metric.Name, r.Change, r.RelativeChange)));
    }

    [Fact]
    public void Rank_IgnoresChangesWithinTheNoise()
    {
        // 1.9 % slower lead time; 1.6 → 5.71 % failures (4.11 points); 4 points less adoption; 19 % fewer deployments.
        var ranked = RegressionFinder.Rank(
        [
            ("red", MetricCatalog.LeadTime, SampleReport.Values(26.36, 40), SampleReport.Values(25.86, 160)),
            ("red", MetricCatalog.ChangeFailureRate, SampleReport.Values(5.71, 35), SampleReport.Values(1.6, 125)),
            ("red", MetricCatalog.AdoptionRate, SampleReport.Values(96, 35), SampleReport.Values(100, 125)),
            ("red", MetricCatalog.DeploymentFrequency, SampleReport.Values(81, 81), SampleReport.Values(100, 400)),
        ]);

        Assert.Empty(ranked);
    }

    [Fact]
    public void Rank_IgnoresLowSamplesAndMissingFigures_AndKeepsTheTopFive()
    {
        var lowSample = RegressionFinder.Rank([("red", MetricCatalog.RecoveryTime, SampleReport.Values(30, 3), SampleReport.Values(2, 40))]);
        var lowBaseline = RegressionFinder.Rank([("red", MetricCatalog.RecoveryTime, SampleReport.Values(30, 30), SampleReport.Values(2, 4))]);
        var missing = RegressionFinder.Rank([("red", MetricCatalog.RecoveryTime, SampleReport.Values(30, 30), (MetricValues?)null)]);
        var many = RegressionFinder.Rank(Enumerable.Range(1, 8).Select(i => ((string?)$"t{i}", MetricCatalog.LeadTime, (MetricValues?)SampleReport.Values(12 + i, 20), (MetricValues?)SampleReport.Values(10, 20))));

        Assert.Empty(lowSample);
        Assert.Empty(lowBaseline);
        Assert.Empty(missing);
        Assert.Equal(["t8", "t7", "t6", "t5", "t4"], many.Select(r => r.Team));
    }
}
