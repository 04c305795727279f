using Insights.Domain.Metrics;
using Insights.Reports.Content;
using Insights.Reports.Tests.Support;
using Insights.Warehouse.Metrics;

namespace Insights.Reports.Tests.Content;

public sealed class RegressionFinderTests
{
    [Fact]
    public void Rank_OrdersWorseningsByPercentOfTheBaseline_FromZeroFirst_ThenByTeamAndMetric()
    {
        var ranked = RegressionFinder.Rank(
        [
            ("red", MetricCatalog.LeadTime, SampleReport.Values(30, 20), SampleReport.Values(20, 40)),
            ("red", MetricCatalog.DeploymentFrequency, SampleReport.Values(10, 10), SampleReport.Values(20, 80)),
            ("blue", MetricCatalog.ChangeFailureRate, SampleReport.Values(12.5, 16), SampleReport.Values(0, 70)),
            ("blue", MetricCatalog.AdoptionRate, SampleReport.Values(90, 16), SampleReport.Values(80, 70)),
        ]);

        Assert.Equal(
            [("blue", "change-failure-rate", (double?)null), ("red", "deployment-frequency", 50.0), ("red", "lead-time", 50.0)],
            ranked.Select(r => (r.Team!, r.Metric.Name, r.RelativeChange)));
    }

    [Fact]
    public void Rank_IgnoresLowSamplesAndMissingFigures_AndKeepsTheTopFive()
    {
        var lowSample = RegressionFinder.Rank([("red", MetricCatalog.RecoveryTime, SampleReport.Values(30, 3), SampleReport.Values(2, 40))]);
        var lowBaseline = RegressionFinder.Rank([("red", MetricCatalog.RecoveryTime, SampleReport.Values(30, 30), SampleReport.Values(2, 4))]);
        var missing = RegressionFinder.Rank([("red", MetricCatalog.RecoveryTime, SampleReport.Values(30, 30), (MetricValues?)null)]);
        var many = RegressionFinder.Rank(Enumerable.Range(1, 8).Select(i => ((string?)$"t{i}", MetricCatalog.LeadTime, (MetricValues?)SampleReport.Values(10 + i, 20), (MetricValues?)SampleReport.Values(10, 20))));

        Assert.Empty(lowSample);
        Assert.Empty(lowBaseline);
        Assert.Empty(missing);
        Assert.Equal(["t8", "t7", "t6", "t5", "t4"], many.Select(r => r.Team));
    }
}
