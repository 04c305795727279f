using System.Globalization;
using System.Text.Json;

namespace Insights.Server.Tests.Metrics;

/// <summary>
/// Every metric's items over the golden dataset, through the HTTP API, written out by hand: which rows
/// each definition considered, in the items' order (at, kind, source, id), whether each counted, what it
/// contributed and, when it did not count, why. GoldenMetricsTests derives the summaries from the same
/// rows; the comments there explain each number.
/// </summary>
public sealed class GoldenItemsTests(GoldenFixture golden) : IClassFixture<GoldenFixture>
{
    /// <summary>An item as written here: id, then its value when counted or its reason when not.</summary>
    private sealed record Row(string Id, double? Value, string? Reason)
    {
        public static Row Counted(string id, double value) => new(id, Math.Round(value, 9), null);

        public static Row Not(string id, string reason) => new(id, null, reason);

        public override string ToString() => Reason is null ? $"{Id}={Value?.ToString(CultureInfo.InvariantCulture)}" : $"{Id}:{Reason}";
    }

    [Fact]
    public async Task DeploymentFrequency_ListsEveryDeploymentOfTheRange_AndWhyFiveDoNotCount()
    {
        var items = await golden.ItemsAsync("deployment-frequency");

        Assert.Equal(
        [
            Row.Not("A1s", "not_production"), Row.Counted("A1", 1), Row.Not("A2f", "not_successful"), Row.Counted("A2", 1), Row.Counted("A3", 1),
            Row.Not("B1s", "not_production"), Row.Counted("B1eu", 1), Row.Counted("B1us", 1), Row.Not("Bprod", "not_production"),
            Row.Counted("A4", 1), Row.Counted("A5", 1), Row.Counted("B2eu", 1), Row.Counted("B2us", 1),
            Row.Counted("A6", 1), Row.Counted("A7", 1), Row.Counted("A8", 1), Row.Not("B3x", "not_successful"), Row.Counted("B3eu", 1), Row.Counted("B3us", 1),
            Row.Counted("A9", 1), Row.Counted("A10", 1), Row.Counted("A11", 1), Row.Counted("B4eu", 1), Row.Counted("B4us", 1),
        ], Rows(items));
        Assert.All(items, i => Assert.Equal("deployment", i.GetProperty("kind").GetString()));
        Assert.Equal(
            "staging is not a production environment of alpha (metrics.production_environments: production, prod)",
            Explanation(items, "A1s"));
        Assert.Equal(
            "production is not a production environment of beta (its catalog entry names prod-eu, prod-us)",
            Explanation(items, "Bprod"));
        Assert.Equal("its status is cancelled: only successful deployments count", Explanation(items, "B3x"));
        var a1 = Item(items, "A1");
        Assert.Equal("2026-03-02T10:00:00Z", a1.GetProperty("at").GetString());
        Assert.Equal("red", a1.GetProperty("team").GetString());
        Assert.Equal("ci", a1.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, a1.GetProperty("reason").ValueKind);
        Assert.Equal(JsonValueKind.Null, a1.GetProperty("explanation").ValueKind);
    }

    [Fact]
    public async Task LeadTime_ListsEachChangeWithItsDeployment_AndTheColdStartAndUnshippedOnes()
    {
        var items = await golden.ItemsAsync("lead-time");

        Assert.Equal(
        [
            Row.Not("acme/alpha#1", "cold_start"), Row.Counted("acme/alpha#2", 144),
            Row.Counted("acme/alpha#3", 23), Row.Counted("acme/alpha#4", 3),
            Row.Counted("acme/alpha#5", 24),
            Row.Not("acme/beta#1", "cold_start"), Row.Counted("acme/beta#2", 48),
            Row.Counted("acme/alpha#6", 96), Row.Counted("acme/alpha#7", 24),
            Row.Counted("acme/alpha#8", 13),
            Row.Counted("acme/beta#3", 48), Row.Counted("acme/other#1", 166),
            Row.Counted("acme/beta#4", 1.5),
            Row.Counted("acme/alpha#9", 24),
            Row.Counted("acme/alpha#10", 22),
            Row.Counted("acme/beta#5", 49),
            Row.Not("acme/alpha#15", "not_deployed"),
            Row.Counted("acme/alpha#11", 24),
            Row.Counted("acme/alpha#12", 20),
            Row.Counted("acme/alpha#13", 22), Row.Counted("acme/beta#6", 48),
            Row.Not("acme/beta#7", "not_deployed"),
        ], Rows(items));

        // a2: shipped by A1, whose commits list it; its stages add up to its lead time.
        var a2 = Item(items, "acme/alpha#2");
        Assert.Equal("A1", a2.GetProperty("deployment_id").GetString());
        Assert.Equal("commits", a2.GetProperty("attribution").GetString());
        Assert.Equal("2026-03-02T10:00:00Z", a2.GetProperty("deployed_at").GetString());
        Assert.Equal([2, 22, 120], new[] { "coding_hours", "review_hours", "deploy_hours" }.Select(s => a2.GetProperty(s).GetDouble()));
        // b3: by time, the first deployment of beta after its merge (B2us at 10:30, not B2eu at 10:00).
        var b3 = Item(items, "acme/beta#4");
        Assert.Equal(("B2us", "time", "prod-us"), (b3.GetProperty("deployment_id").GetString(), b3.GetProperty("attribution").GetString(), b3.GetProperty("environment").GetString()));
        // a4: no first commit known: coding is null and lead time runs from the PR's creation.
        var a4 = Item(items, "acme/alpha#4");
        Assert.Equal(JsonValueKind.Null, a4.GetProperty("coding_hours").ValueKind);
        Assert.Equal(3, a4.GetProperty("review_hours").GetDouble() + a4.GetProperty("deploy_hours").GetDouble());
        Assert.Equal(
            "it shipped with A1, the first production deployment of alpha, 56 days after its merge: a service's first deployment counts only changes merged at most metrics.cold_start_days (30) before it",
            Explanation(items, "acme/alpha#1"));
        Assert.StartsWith("no production deployment of alpha shipped it by the end of the range", Explanation(items, "acme/alpha#15"), StringComparison.Ordinal);
        Assert.All(items, i => Assert.Equal("change", i.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task ChangeFailureRate_ListsTheDeploymentsWithWhatMadeThemFail_AndTheIncidentsThatFailedNone()
    {
        var items = await golden.ItemsAsync("change-failure-rate");

        Assert.Equal(
        [
            Row.Not("A1s", "not_production"), Row.Counted("A1", 0), Row.Not("A2f", "not_successful"), Row.Counted("A2", 0), Row.Counted("A3", 1),
            Row.Not("B1s", "not_production"), Row.Counted("B1eu", 0), Row.Counted("B1us", 0), Row.Not("Bprod", "not_production"),
            Row.Counted("A4", 1), Row.Counted("A5", 0), Row.Counted("B2eu", 0), Row.Counted("B2us", 1), Row.Not("I3", "outside_attribution_window"),
            Row.Counted("A6", 1), Row.Counted("A7", 0), Row.Counted("A8", 0), Row.Not("B3x", "not_successful"), Row.Counted("B3eu", 0), Row.Counted("B3us", 0),
            Row.Not("I8", "not_change_related"),
            Row.Counted("A9", 0), Row.Not("I4", "not_change_related"), Row.Counted("A10", 1), Row.Counted("A11", 0), Row.Counted("B4eu", 0), Row.Counted("B4us", 0),
        ], Rows(items));
        Assert.Equal("incident", Item(items, "A3").GetProperty("failure").GetString());
        Assert.Equal(["I1", "I6"], Strings(Item(items, "A3").GetProperty("incidents")));
        Assert.Equal("rollback", Item(items, "A6").GetProperty("failure").GetString());
        Assert.Equal(["A7"], Strings(Item(items, "A6").GetProperty("rolled_back_by")));
        Assert.Equal(["I7"], Strings(Item(items, "B2us").GetProperty("incidents")));
        Assert.Equal(
            "the latest production deployment of alpha before it, A5, finished 27 h before it started, outside metrics.attribution_window_hours (24)",
            Explanation(items, "I3"));
        Assert.Equal("it says it was not caused by a change (change_related: false) and names no deployment", Explanation(items, "I4"));
        Assert.Equal("incident", Item(items, "I4").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task RecoveryTime_ListsEachFailedDeployment_AndTheOneStillFailing()
    {
        var items = await golden.ItemsAsync("recovery-time");

        Assert.Equal(
        [
            Row.Counted("A3", 5), Row.Counted("A4", 6), Row.Not("I3", "outside_attribution_window"), Row.Counted("B2us", 2),
            Row.Counted("A6", 1.5), Row.Not("I8", "not_change_related"), Row.Not("I4", "not_change_related"), Row.Not("A10", "not_recovered"),
        ], Rows(items));
        var a3 = Item(items, "A3");
        Assert.Equal(("2026-03-04T13:00:00Z", "2026-03-04T18:00:00Z"), (a3.GetProperty("failure_started_at").GetString(), a3.GetProperty("recovered_at").GetString()));
        Assert.Equal("2026-03-04T18:00:00Z", a3.GetProperty("at").GetString());
        Assert.Equal("2026-03-25T11:00:00Z", Item(items, "A10").GetProperty("at").GetString());
    }

    [Fact]
    public async Task IncidentRestoreTime_ListsEveryIncident_AndTheOpenOne()
    {
        var items = await golden.ItemsAsync("incident-restore-time");

        Assert.Equal(
        [
            Row.Counted("I1", 2), Row.Counted("I6", 4), Row.Counted("I2", 6), Row.Counted("I7", 2), Row.Counted("I3", 2),
            Row.Counted("I8", 1), Row.Counted("I4", 1), Row.Not("I5", "not_resolved"),
        ], Rows(items));
        Assert.Equal("A3", Item(items, "I1").GetProperty("deployment_id").GetString());
        Assert.Equal(0, Item(items, "I4").GetProperty("change_related").GetInt32());
    }

    [Fact]
    public async Task ReworkRate_SaysWhyEachReworkDeploymentIsOne()
    {
        var items = await golden.ItemsAsync("rework-rate", "&counted=true");

        Assert.Equal(["A7", "A8", "A11"], items.Where(i => i.GetProperty("value").GetDouble() == 1).Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(19, items.Count);
        Assert.Equal(("rollback", "A6"), (Item(items, "A7").GetProperty("rework").GetString(), Item(items, "A7").GetProperty("rollback_of").GetString()));
        Assert.Equal("hotfix", Item(items, "A8").GetProperty("rework").GetString());
        Assert.Equal("remediation", Item(items, "A11").GetProperty("rework").GetString());
        Assert.Equal(["I5"], Strings(Item(items, "A11").GetProperty("remediates")));
    }

    [Fact]
    public async Task AdoptionRate_SaysWhyEachGoldenPathDeploymentIsOne()
    {
        var items = await golden.ItemsAsync("adoption-rate", "&counted=true");

        Assert.Equal(
            ["A1", "A2", "A4", "A6", "A7", "B3eu", "B3us", "A9", "A10", "A11", "B4eu", "B4us"],
            items.Where(i => i.GetProperty("value").GetDouble() == 1).Select(i => i.GetProperty("id").GetString()));
        Assert.Equal("golden_path", Item(items, "A2").GetProperty("golden_path_rule").GetString());
        Assert.Equal("pipeline", Item(items, "A1").GetProperty("golden_path_rule").GetString());
        Assert.Equal("", Item(items, "A3").GetProperty("golden_path_rule").GetString());
    }

    [Fact]
    public async Task OnboardingTime_ListsTheCohort_AndSuppressesGroupsOfFewerThanFive()
    {
        var items = await golden.ItemsAsync("onboarding-time", "&interval=month");

        Assert.Equal(
        [
            Row.Counted("ana@x.example", 35 / 24.0), Row.Counted("bo@x.example", 2.5),
            Row.Counted("cy@x.example", 34 / 24.0), Row.Counted("di@x.example", 82 / 24.0),
            Row.Counted("ed@x.example", 83 / 24.0), Row.Not("gu@x.example", "not_reached_production"),
            Row.Not("fa@x.example", "not_reached_production"),
        ], Rows(items));
        var ana = Item(items, "ana@x.example");
        Assert.Equal(("acme/alpha#3", "A2", "2026-03-02"), (ana.GetProperty("first_change").GetString(), ana.GetProperty("first_deployment").GetString(), ana.GetProperty("start_date").GetString()));

        foreach (var team in new[] { "red", "blue" })
        {
            var page = await golden.GetAsync($"/api/v1/metrics/onboarding-time/items?from={GoldenDataset.From}&to={GoldenDataset.To}&team={team}");
            Assert.True(page.GetProperty("suppressed").GetBoolean());
            Assert.Empty(page.GetProperty("items").EnumerateArray());
        }
    }

    [Fact]
    public async Task ProvisioningTime_ListsTheReadyRequests_ThePendingOnes_AndTheCancelledOne()
    {
        var items = await golden.ItemsAsync("provisioning-time");

        Assert.Equal(
        [
            Row.Counted("r3", 72), Row.Counted("r1", 0.5), Row.Counted("r2", 48), Row.Counted("r4", 0.2), Row.Counted("r5", 24),
            Row.Not("r6", "not_ready"), Row.Not("r7", "cancelled"), Row.Not("r8", "not_ready"),
        ], Rows(items));
        Assert.Equal(230, Item(items, "r6").GetProperty("pending_hours").GetDouble());
        Assert.Equal("red", Item(items, "r5").GetProperty("team").GetString());
        Assert.Equal("alpha", Item(items, "r5").GetProperty("service").GetString());
    }

    [Fact]
    public async Task Nps_ListsNoAnswer_AndSaysWhy()
    {
        var response = await golden.Server.Client.GetAsync($"/api/v1/metrics/nps/items?from={GoldenDataset.From}&to={GoldenDataset.To}");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("anonymous", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATeamsItems_AreItsServicesOnes_AndAPeriodsItemsAreThatPeriodsOnes()
    {
        var red = await golden.ItemsAsync("lead-time", "&team=red");
        var week2 = await golden.ItemsAsync("lead-time", "&period=2026-03-09&counted=true");

        Assert.Equal(14, red.Count);
        Assert.All(red, i => Assert.Equal("alpha", i.GetProperty("service").GetString()));
        // Week 2 of GoldenMetricsTests.LeadTime: a6 a7 a8 b2 b3 b7.
        Assert.Equal(["acme/alpha#6", "acme/alpha#7", "acme/alpha#8", "acme/beta#3", "acme/other#1", "acme/beta#4"], week2.Select(i => i.GetProperty("id").GetString()));
    }

    private static IReadOnlyList<Row> Rows(IReadOnlyList<JsonElement> items) =>
        [.. items.Select(i => i.GetProperty("counted").GetBoolean()
            ? Row.Counted(i.GetProperty("id").GetString()!, i.GetProperty("value").GetDouble())
            : Row.Not(i.GetProperty("id").GetString()!, i.GetProperty("reason").GetString()!))];

    private static JsonElement Item(IReadOnlyList<JsonElement> items, string id) => items.Single(i => i.GetProperty("id").GetString() == id);

    private static string Explanation(IReadOnlyList<JsonElement> items, string id) => Item(items, id).GetProperty("explanation").GetString()!;

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
