using Insights.Domain.Metrics;
using Insights.Warehouse.Metrics;
using Insights.Warehouse.Sql;

namespace Insights.Warehouse.Tests.Metrics;

/// <summary>
/// The metric folders (sql/clickhouse/metrics/*/) and their manifests agree with each other: every file
/// the registry promises exists, every reason a metric gives has a sentence whose fields the metric's
/// items carry, and the groupings the manifests claim are the ones the SQL implements.
/// </summary>
public class MetricCatalogTests
{
    public static TheoryData<string> Metrics => [.. MetricCatalog.All.Select(m => m.Name)];

    [Fact]
    public void Catalog_ListsTheTenMetrics_AndTheFourKeysInDorasOrder()
    {
        Assert.Equal(
            ["deployment-frequency", "lead-time", "change-failure-rate", "recovery-time", "incident-restore-time", "rework-rate", "adoption-rate", "onboarding-time", "provisioning-time", "nps"],
            MetricCatalog.All.Select(m => m.Name));
        Assert.Equal(["deployment-frequency", "lead-time", "change-failure-rate", "recovery-time"], MetricCatalog.FourKeys.Select(m => m.Name));
        Assert.True(MetricCatalog.TryGet("lead-time", out var leadTime));
        Assert.Equal("Lead time for changes", leadTime.Title);
        Assert.False(MetricCatalog.TryGet("Lead-Time", out _));
    }

    [Theory]
    [MemberData(nameof(Metrics))]
    public void Folder_HoldsTheFilesItsManifestPromises(string name)
    {
        var metric = MetricCatalog.Get(name);

        Assert.True(SqlResources.Exists(metric.SqlFile), $"{metric.SqlFile} is missing.");
        Assert.Equal(metric.Items.Available, SqlResources.Exists(metric.RowsFile));
        var summary = SqlResources.Read(metric.SqlFile);
        // The groupings are what ComputeByTeamAsync / ComputeByGoldenPathAsync rely on.
        var sql = summary + (metric.Items.Available ? SqlResources.Read(metric.RowsFile) : "");
        Assert.Equal(metric.GroupsByTeam, sql.Contains("group_team", StringComparison.Ordinal));
        Assert.Equal(metric.GroupsByGoldenPath, summary.Contains("group_golden", StringComparison.Ordinal));
        if (metric.Items.Available)
        {
            Assert.Contains("{{> rows}}", summary, StringComparison.Ordinal);
            Assert.NotEmpty(metric.Items.Kinds);
            Assert.Contains(metric.Items.Reproduces, MetricManifests.KnownReproductions);
        }
    }

    [Fact]
    public void EveryReason_IsGivenBySomeMetric_AndNamesOnlyFieldsItsMetricsCarry()
    {
        var settings = MetricItemExplainer.Settings(new MetricsOptions(), new MetricQuery(MetricCatalog.LeadTime, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 30)));
        foreach (var (code, sentence) in MetricCatalog.Reasons)
        {
            var givers = MetricCatalog.All.Where(m => m.Items.Reasons.Contains(code)).ToList();
            Assert.True(givers.Count > 0, $"No metric gives the reason '{code}'.");
            Assert.Matches("^[a-z]+(_[a-z]+)*$", code);
            foreach (var metric in givers)
            {
                var fields = MetricItemReader.Fields(metric);
                foreach (var placeholder in MetricItemExplainer.Placeholders(sentence))
                {
                    Assert.True(fields.Contains(placeholder) || settings.ContainsKey(placeholder),
                        $"The sentence of '{code}' names {{{placeholder}}}, which {metric.Name}'s items do not carry.");
                }
            }
        }
    }

    [Fact]
    public void EveryReasonCode_IsListedInTheMetricDefinitions()
    {
        var doc = File.ReadAllText(Insights.TestSupport.RepositoryFiles.Path("docs", "metrics.md"));

        Assert.All(MetricCatalog.Reasons.Keys, code => Assert.Contains($"`{code}`", doc, StringComparison.Ordinal));
    }

    [Fact]
    public void ItemsOfSurveyAnswers_AreForbidden_WithAReason()
    {
        var forbidden = MetricCatalog.All.Where(m => !m.Items.Available).ToList();

        Assert.Equal(["nps"], forbidden.Select(m => m.Name));
        Assert.Contains("anonymous", forbidden[0].Items.Forbidden!, StringComparison.Ordinal);
    }
}
