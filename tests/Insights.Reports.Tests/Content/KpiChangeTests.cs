using Insights.Domain.Metrics;
using Insights.Reports.Content;
using Insights.Reports.Tests.Support;

namespace Insights.Reports.Tests.Content;

public sealed class KpiChangeTests
{
    [Fact]
    public void Change_IsTheDifferenceOfTheTwoAnswers_ReadInTheMetricsDirection()
    {
        var slower = KpiChange.Between(MetricCatalog.LeadTime, SampleReport.Values(24.5, 18), SampleReport.Values(20, 12));
        var moreDeploys = KpiChange.Between(MetricCatalog.DeploymentFrequency, SampleReport.Values(19, 19), SampleReport.Values(17, 17));

        Assert.Equal(new KpiChange(ChangeVerdict.Worse, 4.5, null), slower);
        Assert.Equal(new KpiChange(ChangeVerdict.Better, 2, null), moreDeploys);
        Assert.Equal(ChangeVerdict.Unchanged, KpiChange.Between(MetricCatalog.LeadTime, SampleReport.Values(3, 9), SampleReport.Values(3, 9)).Verdict);
    }

    [Fact]
    public void Change_IsNotShown_WhenEitherSideIsALowSample()
    {
        var change = KpiChange.Between(MetricCatalog.RecoveryTime, SampleReport.Values(3.5, 4), SampleReport.Values(1, 9));
        var seriesPoint = new Warehouse.Metrics.MetricValues { ["value"] = 1.0, ["n"] = 2L };

        Assert.Equal(ChangeVerdict.WithinNoise, change.Verdict);
        Assert.Null(change.Delta);
        Assert.Contains("low sample", change.Note, StringComparison.Ordinal);
        Assert.Equal(ChangeVerdict.WithinNoise, KpiChange.Between(MetricCatalog.RecoveryTime, SampleReport.Values(3.5, 40), seriesPoint).Verdict);
    }

    [Fact]
    public void NpsChange_IsNotShown_InsideTheMarginOfError()
    {
        var inside = KpiChange.Between(MetricCatalog.Nps, SampleReport.Values(32, 120, null, ("margin_of_error", 8.5)), SampleReport.Values(25, 100));
        var outside = KpiChange.Between(MetricCatalog.Nps, SampleReport.Values(32, 120, null, ("margin_of_error", 8.5)), SampleReport.Values(20, 100));

        Assert.Equal(ChangeVerdict.WithinNoise, inside.Verdict);
        Assert.Contains("±8.5", inside.Note, StringComparison.Ordinal);
        Assert.Equal(new KpiChange(ChangeVerdict.Better, 12, null), outside);
    }

    [Fact]
    public void Change_IsNotComparable_WithoutBothFigures()
    {
        Assert.Equal(ChangeVerdict.NotComparable, KpiChange.Between(MetricCatalog.LeadTime, SampleReport.Values(null, 0), SampleReport.Values(3, 9)).Verdict);
        Assert.Equal(ChangeVerdict.NotComparable, KpiChange.Between(MetricCatalog.LeadTime, SampleReport.Values(3, 9), SampleReport.Values(null, 0)).Verdict);
        Assert.Equal(ChangeVerdict.NotComparable, KpiChange.Between(MetricCatalog.LeadTime, SampleReport.Values(3, 9), null).Verdict);
    }
}
