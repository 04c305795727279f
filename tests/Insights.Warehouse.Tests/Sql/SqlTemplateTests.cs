using Insights.Warehouse.Sql;

namespace Insights.Warehouse.Tests.Sql;

/// <summary>One test per construct of the SQL template language (docs/development.md, "SQL templates").</summary>
public class SqlTemplateTests
{
    private static readonly Dictionary<string, string> Fragments = new(StringComparer.Ordinal)
    {
        ["a"] = "1",
        ["b"] = "2",
        ["by_team"] = "1",
        ["by_golden"] = "0",
        ["items"] = "1",
        ["summary"] = "0",
        ["range_start"] = "toDateTime('2026-03-02 00:00:00', 'UTC')",
    };

    [Fact]
    public void RenderText_ReplacesFragments()
    {
        var sql = SqlTemplate.RenderText("SELECT {{a}} + {{ b }}", Fragments);

        Assert.Equal("SELECT 1 + 2", sql);
    }

    [Fact]
    public void RenderText_Fails_OnAMissingFragment()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SqlTemplate.RenderText("SELECT {{missing}}", new Dictionary<string, string>()));

        Assert.Contains("{{missing}}", error.Message);
    }

    [Fact]
    public void Partial_IsInlined_WithoutItsLeadingComments()
    {
        // partials/group_team.sql: two comment lines, then if({{by_team}} = 1, {{$1}}, '').
        var sql = SqlTemplate.RenderText("SELECT {{> group_team(team)}} AS group_team", Fragments);

        Assert.Equal("SELECT if(1 = 1, team, '') AS group_team", sql);
    }

    [Fact]
    public void PartialArguments_AreSqlText_FragmentsWithAt_AndTheCallersOwnDollarN()
    {
        // partials/distribution.sql passes its $1 on to partials/r7.sql; commas inside brackets do not split.
        var sql = SqlTemplate.RenderText("{{> distribution(arraySort([3, 1, 2]))}}", Fragments);
        var withFragment = SqlTemplate.RenderText("{{> r7(@range_start, 0.5)}}", Fragments);

        Assert.Contains("arrayElement(arraySort([3, 1, 2]), ", sql, StringComparison.Ordinal);
        Assert.Contains("AS p90", sql, StringComparison.Ordinal);
        Assert.Contains("length(toDateTime('2026-03-02 00:00:00', 'UTC'))", withFragment, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => SqlTemplate.RenderText("{{> r7(@nope, 0.5)}}", Fragments));
        Assert.Throws<InvalidOperationException>(() => SqlTemplate.RenderText("{{> r7(x)}}", Fragments));
    }

    [Fact]
    public void Partial_IsLookedUpInTheRenderedFilesFolderFirst()
    {
        // {{> rows}} is deployment-frequency/rows.sql in its folder; there is no partials/rows.sql.
        var metric = Insights.Domain.Metrics.MetricCatalog.DeploymentFrequency;
        var fragments = Insights.Warehouse.Metrics.MetricFragments.Build(
            new Insights.Warehouse.Metrics.MetricQuery(metric, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 30)), new Insights.Domain.Metrics.MetricsOptions(), DateTime.UtcNow);
        var own = SqlTemplate.RenderText("SELECT count() FROM ({{> rows}})", fragments, metric.Folder);
        var shared = SqlTemplate.RenderText("{{> group_golden(is_golden)}}", Fragments, "clickhouse/metrics/deployment-frequency");

        Assert.Contains("'deployment' AS kind", own, StringComparison.Ordinal);
        Assert.StartsWith("if(", shared, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => SqlTemplate.RenderText("{{> rows}}", Fragments));
    }

    [Fact]
    public void IfBlock_IsKept_WhenItsFragmentIsOne_AndDropped_WhenZero()
    {
        Assert.Equal("SELECT 1 UNION ALL SELECT 2", SqlTemplate.RenderText("SELECT 1{{#if items}} UNION ALL SELECT {{b}}{{/if}}", Fragments));
        Assert.Equal("SELECT 1", SqlTemplate.RenderText("SELECT 1{{#if summary}} UNION ALL SELECT {{b}}{{/if}}", Fragments));
        Assert.Equal("A\nC", SqlTemplate.RenderText("A\n{{#if summary}}\nB\n{{/if}}C", Fragments).Replace("\n\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void IfBlock_Fails_OnAMissingOrNonFlagFragment_OrAnUnpairedTag()
    {
        Assert.Contains("{{#if nope}}", Assert.Throws<InvalidOperationException>(() => SqlTemplate.RenderText("{{#if nope}}x{{/if}}", Fragments)).Message);
        Assert.Contains("must be 1 or 0", Assert.Throws<InvalidOperationException>(() => SqlTemplate.RenderText("{{#if b}}x{{/if}}", Fragments)).Message);
        Assert.Contains("without its pair", Assert.Throws<InvalidOperationException>(() => SqlTemplate.RenderText("{{#if items}}x", Fragments)).Message);
        Assert.Contains("without its pair", Assert.Throws<InvalidOperationException>(() => SqlTemplate.RenderText("x{{/if}}", Fragments)).Message);
    }

    [Fact]
    public void EveryMetricFile_Renders_WithTheFragmentsTheEngineSupplies()
    {
        var options = new Insights.Domain.Metrics.MetricsOptions();
        foreach (var metric in Insights.Domain.Metrics.MetricCatalog.All)
        {
            var query = new Insights.Warehouse.Metrics.MetricQuery(metric, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 30)) { Team = "red" };
            foreach (var items in new[] { false, true })
            {
                var fragments = Insights.Warehouse.Metrics.MetricFragments.Build(query, options, new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), items: items);
                var summary = Insights.Warehouse.Metrics.MetricSql.Summary(metric, fragments);
                Assert.DoesNotContain("{{", summary.ToString(), StringComparison.Ordinal);
                if (metric.Items.Available)
                {
                    Assert.DoesNotContain("{{", SqlTemplate.Render(metric.RowsFile, fragments), StringComparison.Ordinal);
                }
            }
        }
    }
}
