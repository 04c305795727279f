using Insights.Domain.Metrics;
using Insights.Reports.Content;
using Insights.Reports.Rendering;
using Insights.Warehouse.Metrics;

namespace Insights.Reports.Tests.Content;

public sealed class ContributorPickerTests
{
    private static readonly DateTime Monday = new(2026, 3, 23, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Pick_NamesATimesLargestValues_WithTheirValues()
    {
        var items = new[] { Item("acme/a#1", 2, 10.04), Item("acme/a#2", 3, 74.06), Item("acme/a#3", 4, 52) };

        var picked = ContributorPicker.Pick(MetricCatalog.Get("lead-time"), items)!;

        Assert.Equal(["acme/a#2", "acme/a#3"], picked.Rows.Select(r => r.Id));
        Assert.Equal("Slowest: acme/a#2 (74.1 h), acme/a#3 (52 h)", ReportText.Contributors(picked, "hours"));
    }

    [Fact]
    public void Pick_NamesARatesRowsOnTheWorseSide_NewestFirst_WithTheManifestsDetail_AndHowManyMore()
    {
        var failures = new[]
        {
            Item("api-1", 1, 1, ("failure", "incident")), Item("api-2", 2, 0, ("failure", "")), Item("api-3", 3, 1, ("failure", "rollback")),
            Item("api-4", 4, 1, ("failure", "incident")), Item("api-5", 5, 1, ("failure", "incident")),
        };

        var failed = ContributorPicker.Pick(MetricCatalog.Get("change-failure-rate"), failures)!;

        Assert.Equal("Failed: api-5 (incident), api-4 (incident), api-3 (rollback) and 1 more", ReportText.Contributors(failed, "percent"));

        // Adoption is better higher: its worse side is the deployments that did not go through a golden path.
        var adoption = ContributorPicker.Pick(MetricCatalog.Get("adoption-rate"), [Item("api-1", 1, 1), Item("api-2", 2, 0), Item("api-3", 3, 1)])!;
        Assert.Equal("Not on a golden path: api-2", ReportText.Contributors(adoption, "percent"));
    }

    [Fact]
    public void Pick_NamesNothing_ForACount_OrWithoutARowOnTheWorseSide()
    {
        Assert.Null(ContributorPicker.Pick(MetricCatalog.Get("deployment-frequency"), [Item("api-1", 1, 1)]));
        Assert.Null(ContributorPicker.Pick(MetricCatalog.Get("change-failure-rate"), [Item("api-1", 1, 0, ("failure", ""))]));
    }

    [Fact]
    public void RowsOfSurveyAnswersAndOfPrivateGroups_AreNeverNamed()
    {
        // The manifest check refuses contributors for such metrics; none of today's has them.
        Assert.All(
            MetricCatalog.All.Where(m => !m.Items.Available || m.Items.PrivateGroups),
            m => Assert.Null(m.Report?.Contributors));
        Assert.Contains(MetricCatalog.All, m => m.Items.PrivateGroups);
        Assert.Contains(MetricCatalog.All, m => !m.Items.Available);
    }

    private static MetricItem Item(string id, int day, double value, params (string Field, object? Value)[] own) =>
        new([
            new("kind", "deployment"), new("id", id), new("source", "api"), new("service", "api"), new("team", "red"),
            new("at", Monday.AddDays(day)), new("counted", true), new("value", value), new("reason", null), new("explanation", null),
            .. own.Select(f => new KeyValuePair<string, object?>(f.Field, f.Value)),
        ]);
}
