using System.Text.Json;

namespace Insights.Server.Tests.Metrics;

/// <summary>
/// Every metric over the golden dataset, through the HTTP API, against numbers derived by hand
/// in the comments. Percentiles are R-7: h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) (0-based).
/// </summary>
[Trait("Warehouse", "Both")]
public sealed class GoldenMetricsTests(GoldenFixture golden) : IClassFixture<GoldenFixture>
{
    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double?[] Series(JsonElement result, string field = "value") =>
        result.GetProperty("series").EnumerateArray().Select(p => Number(p, field)).ToArray();

    private static void AssertSummary(JsonElement result, double? value, long? n, double? p50 = null, double? p75 = null, double? p90 = null, string? band = null)
    {
        var summary = result.GetProperty("summary");
        Assert.Equal(value, Number(summary, "value"));
        Assert.Equal(n, (long?)Number(summary, "n"));
        if (summary.TryGetProperty("p50", out _))
        {
            Assert.Equal(p50, Number(summary, "p50"));
            Assert.Equal(p75, Number(summary, "p75"));
            Assert.Equal(p90, Number(summary, "p90"));
        }

        Assert.Equal(band, Text(summary, "band"));
        Assert.Equal(n is null or < 5, summary.GetProperty("low_sample").GetBoolean());
    }

    [Fact]
    public async Task DeploymentFrequency()
    {
        // Counted: alpha A1–A11 (11; A1s staging, A2f failed, A12 after the range are not) and beta's
        // B1–B4 in prod-eu and prod-us (8; B1s staging, B3x cancelled, Bprod in "production", which is
        // not one of beta's own environments, are not) = 19 over 28 days → 19 ÷ 4 = 4.75 per week.
        // Deployment days: Mar 2, 3, 4, 5, 10, 11, 12, 17, 18, 19, 24, 25, 26 = 13;
        // per ISO week 4, 3, 3, 3 → median 3 ≥ 1 → high (elite needs ≥ 5).
        var result = await golden.MetricAsync("deployment-frequency");

        AssertSummary(result, 4.75, 19, band: "high");
        var summary = result.GetProperty("summary");
        Assert.Equal(19, Number(summary, "deployments"));
        Assert.Equal(13, Number(summary, "deployment_days"));
        Assert.Equal(3, Number(summary, "median_deployment_days_per_week"));
        Assert.Equal("dora-2024", Text(summary, "benchmark"));
        // Weekly counts: A1 A2 A3 B1eu B1us | A4 A5 B2eu B2us | A6 A7 A8 B3eu B3us | A9 A10 A11 B4eu B4us.
        Assert.Equal([5, 4, 5, 5], Series(result));
        Assert.Equal(["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23"],
            result.GetProperty("series").EnumerateArray().Select(p => p.GetProperty("period_start").GetString()));
    }

    [Fact]
    public async Task DeploymentFrequency_ForATeam_CountsItsServicesOnly()
    {
        // Team red owns alpha: 11 deployments ÷ 4 weeks = 2.75; days per week 3 (2,3,4), 2 (10,11), 2 (17,18), 3 (24,25,26) → median 2.5 → high.
        var result = await golden.MetricAsync("deployment-frequency", "&team=red");

        AssertSummary(result, 2.75, 11, band: "high");
        Assert.Equal("red", result.GetProperty("filters").GetProperty("team").GetString());
        Assert.Equal([3, 2, 3, 3], Series(result));
    }

    [Fact]
    public async Task LeadTime()
    {
        // Changes shipped in range, hours from first commit (else PR creation) to the deployment:
        // by commits (alpha): a2 144 (A1; a1 is excluded by the cold start: merged 56 days before alpha's
        // first deployment), a3 23 (A2: A2f failed), a4 3 (no commit time: from creation), a5 24, a6 96,
        // a7 24 (merged in a later update), a8 13 (A5, not A7 that re-ships it), a9 24, a10 22, a11 24, a12 20, a13 22;
        // by time (beta): b1 48 (B1eu; b0 cold start), b2 48, b3 1.5 (B2us 10:30 is the first after 10:15),
        // b4 49 (B3x was cancelled), b5 48, b7 166 (its own service beta; Bprod is not production for beta).
        // Sorted (n = 18): 1.5 3 13 20 22 22 23 24 24 24 24 48 48 48 49 96 144 166
        // p50: h = 8.5 → 24 + 0.5·0 = 24 (not < 24 h → high); p75: h = 12.75 → 48; p90: h = 15.3 → 96 + 0.3·48 = 110.4.
        var result = await golden.MetricAsync("lead-time");

        AssertSummary(result, 24, 18, 24, 48, 110.4, "high");
        // Coding (created − first commit, 17 known): 0.5, twelve 1s, four 2s → median 1.
        // Review (merged − created): 0.75, eight 1s, 2, 11, 19, 22, 22, 23, 23, 23, 70 → h = 8.5 → 1 + 0.5·1 = 1.5.
        // Deploy (deployed − merged): 0.25 1 2 3 18 20 20 20 22 22 22 24 24 24 24 25 120 164 → 22.
        var breakdown = result.GetProperty("breakdown");
        Assert.Equal(1, Number(breakdown, "coding_hours"));
        Assert.Equal(1.5, Number(breakdown, "review_hours"));
        Assert.Equal(22, Number(breakdown, "deploy_hours"));
        // Week 1 (a2 a3 a4 a5 b1): 3 23 24 48 144 → 24; week 2 (a6 a7 a8 b2 b3 b7): 1.5 13 24 48 96 166 → h 2.5 → 24 + 0.5·24 = 36;
        // week 3 (a9 a10 b4): 22 24 49 → 24; week 4 (a11 a12 a13 b5): 20 22 24 48 → 23.
        Assert.Equal([24, 36, 24, 23], Series(result));
        Assert.Equal([5, 6, 3, 4], Series(result, "n"));
    }

    [Fact]
    public async Task LeadTime_ForATeam()
    {
        // Red (alpha): 3 13 20 22 22 23 24 24 24 24 96 144 (n = 12): p50 h = 5.5 → 23.5 (< 24 h → elite);
        // p75 h = 8.25 → 24; p90 h = 9.9 → 24 + 0.9·72 = 88.8.
        var result = await golden.MetricAsync("lead-time", "&team=red");

        AssertSummary(result, 23.5, 12, 23.5, 24, 88.8, "elite");
    }

    [Fact]
    public async Task ChangeFailureRate()
    {
        // Failed among the 19: A3 (I1 and I6 name it — counted once), A4 (I2, unlinked, 10 h after it),
        // A6 (rolled back by A7), A10 (I5 names it, still open), B2us (I7 starts 30 min after it: the latest
        // deployment in the window, not B2eu). Not failed: A5 (I3 starts 27 h after it), A9 (I4 is not change
        // related). 5 ÷ 19 = 26.32 % → low.
        var result = await golden.MetricAsync("change-failure-rate");

        AssertSummary(result, 26.32, 19, band: "low");
        Assert.Equal(5, Number(result.GetProperty("summary"), "failed_deployments"));
        // Week 1: A3 of 5 → 20; week 2: A4, B2us of 4 → 50; week 3: A6 of 5 → 20; week 4: A10 of 5 → 20.
        Assert.Equal([20, 50, 20, 20], Series(result));
    }

    [Fact]
    public async Task ChangeFailureRate_ByTeamAndByPath()
    {
        // Blue: B2us of 8 → 12.5 % → medium. Golden path: A1 A2 A4 A6 A7 A9 A10 A11 B3eu B3us B4eu B4us = 12,
        // failed A4 A6 A10 → 25 %. Other paths: A3 A5 A8 B1eu B1us B2eu B2us = 7, failed A3 B2us → 28.57 %.
        AssertSummary(await golden.MetricAsync("change-failure-rate", "&team=blue"), 12.5, 8, band: "medium");
        AssertSummary(await golden.MetricAsync("change-failure-rate", "&golden_path=true"), 25, 12, band: "low");
        AssertSummary(await golden.MetricAsync("change-failure-rate", "&golden_path=false"), 28.57, 7, band: "low");
    }

    [Fact]
    public async Task RecoveryTime()
    {
        // A3: from I1's start (13:00) to the last resolution (I6, 18:00) = 5 h; A4: I2 20:00 → 02:00 (its later
        // update) = 6 h; A6: rollback only, A6 finished 10:00 → A7 11:30 = 1.5 h; B2us: I7 11:00 → 13:00 = 2 h.
        // A10 is not recovered (I5 open). Sorted 1.5 2 5 6: p50 h = 1.5 → 3.5 (< 1 day → high);
        // p75 h = 2.25 → 5.25; p90 h = 2.7 → 5.7. n = 4 → low sample.
        var result = await golden.MetricAsync("recovery-time");

        AssertSummary(result, 3.5, 4, 3.5, 5.25, 5.7, "high");
    }

    [Fact]
    public async Task IncidentRestoreTime()
    {
        // Every resolved incident: I1 2, I6 4, I2 6, I3 2, I4 1, I7 2, I8 1 (I5 open). Sorted 1 1 2 2 2 4 6:
        // p50 2; p75 h = 4.5 → 2 + 0.5·2 = 3; p90 h = 5.4 → 4 + 0.4·2 = 4.8. No bands.
        var result = await golden.MetricAsync("incident-restore-time");

        AssertSummary(result, 2, 7, 2, 3, 4.8);
    }

    [Fact]
    public async Task ReworkRate()
    {
        // A7 (a rollback), A8 (a hotfix), A11 (alpha's first deployment after I5 started, I5 still open).
        // No other deployment falls inside an incident. 3 ÷ 19 = 15.79 %.
        var result = await golden.MetricAsync("rework-rate");

        AssertSummary(result, 15.79, 19);
        Assert.Equal(3, Number(result.GetProperty("summary"), "rework_deployments"));
    }

    [Fact]
    public async Task AdoptionRate()
    {
        // Golden path (flag, or pipeline gp/*): 12 of 19 = 63.16 %. Both active services and both teams have
        // at least one → 100 %; template share: alpha of alpha, beta → 50 %.
        // Weeks: A1 A2 of 5 → 40; A4 of 4 → 25; A6 A7 B3eu B3us of 5 → 80; all 5 → 100.
        var result = await golden.MetricAsync("adoption-rate");

        AssertSummary(result, 63.16, 19);
        var breakdown = result.GetProperty("breakdown");
        Assert.Equal(100, Number(breakdown, "service_adoption_percent"));
        Assert.Equal(100, Number(breakdown, "team_adoption_percent"));
        Assert.Equal(50, Number(breakdown, "template_share_percent"));
        Assert.Equal([40, 25, 80, 100], Series(result));
    }

    [Fact]
    public async Task OnboardingTime()
    {
        // Engineers who started in range: ana, bo, cy, di, ed, fa, gu (7; zed started in 2025).
        // Days from start (00:00) to the deployment of their first change: ana a3 → A2 Mar 3 11:00 = 1.458 (author
        // "ANA-gh" matches login "Ana-GH"); bo a5 → A3 Mar 4 12:00 = 2.5; cy a7 → A4 Mar 10 10:00 = 1.417;
        // di b2 → B2eu Mar 12 10:00 = 3.417; ed (author = his id) b4 → B3eu Mar 19 11:00 = 3.458.
        // fa (b6 never shipped) and gu (a15 never shipped, no login-less match) are pending.
        // Sorted 1.417 1.458 2.5 3.417 3.458: p50 2.5; p75 h = 3 → 3.42; p90 h = 3.6 → 3.417 + 0.6·0.042 = 3.44.
        // Within 30 days: 5 of 7 = 71.43 %.
        var result = await golden.MetricAsync("onboarding-time", "&interval=month");

        AssertSummary(result, 2.5, 5, 2.5, 3.42, 3.44);
        var summary = result.GetProperty("summary");
        Assert.Equal(7, Number(summary, "engineers"));
        Assert.Equal(2, Number(summary, "pending"));
        Assert.Equal(71.43, Number(summary, "reached_within_30d_percent"));
        Assert.False(summary.GetProperty("suppressed").GetBoolean());
        // First merged PR: ana 0.625 (Mar 2 15:00), bo 2.375, cy 0.5, di 2.417, ed 2.417, fa 3.458, gu 4.417 → 2.42.
        Assert.Equal(2.42, Number(result.GetProperty("breakdown"), "days_to_first_merged_pr"));
        Assert.Null(Number(result.GetProperty("breakdown"), "days_to_tenth_merged_pr"));
    }

    [Fact]
    public async Task OnboardingTime_TakesNeitherServiceNorEnvironment()
    {
        // Engineers belong to teams, and "reached production" means any production environment: with
        // service=alpha and environment=prod-eu (where only beta deploys) the answer is still the five
        // above — ana, bo and cy reached production through alpha's "production" — and neither filter
        // is echoed.
        var result = await golden.MetricAsync("onboarding-time", "&interval=month&service=alpha&environment=prod-eu");

        AssertSummary(result, 2.5, 5, 2.5, 3.42, 3.44);
        Assert.Empty(result.GetProperty("filters").EnumerateObject());
    }

    [Fact]
    public async Task OnboardingTime_IsSuppressed_ForGroupsOfFewerThanFive()
    {
        // Red has 4 new engineers (ana, bo, cy, gu), blue 3: no figure may identify one of them.
        foreach (var team in new[] { "red", "blue" })
        {
            var summary = (await golden.MetricAsync("onboarding-time", $"&team={team}")).GetProperty("summary");
            Assert.True(summary.GetProperty("suppressed").GetBoolean());
            Assert.Equal(JsonValueKind.Null, summary.GetProperty("value").ValueKind);
            Assert.Equal(JsonValueKind.Null, summary.GetProperty("p90").ValueKind);
            Assert.Equal(JsonValueKind.Null, summary.GetProperty("reached_within_30d_percent").ValueKind);
        }
    }

    [Fact]
    public async Task ProvisioningTime()
    {
        // Ready in range: r1 0.5 h, r2 48, r3 72 (asked in February), r4 0.2, r5 24 (team from its service).
        // Sorted 0.2 0.5 24 48 72: p50 24; p75 48; p90 h = 3.6 → 48 + 0.6·24 = 62.4.
        // Self-service 0.2 0.5 → p50 0.35, p90 0.47; ticket 24 48 72 → p50 48, p90 67.2.
        // Pending at the range end: r6 (since Mar 20 10:00 → 230 h) and r8 (ready after the range); r7 was cancelled.
        var result = await golden.MetricAsync("provisioning-time");

        AssertSummary(result, 24, 5, 24, 48, 62.4);
        var summary = result.GetProperty("summary");
        Assert.Equal(2, Number(summary, "pending"));
        Assert.Equal(230, Number(summary, "oldest_pending_hours"));
        var breakdown = result.GetProperty("breakdown");
        Assert.Equal(2, Number(breakdown, "self_service_n"));
        Assert.Equal(0.35, Number(breakdown, "self_service_p50_hours"));
        Assert.Equal(0.47, Number(breakdown, "self_service_p90_hours"));
        Assert.Equal(3, Number(breakdown, "ticket_n"));
        Assert.Equal(48, Number(breakdown, "ticket_p50_hours"));
        Assert.Equal(67.2, Number(breakdown, "ticket_p90_hours"));
    }

    [Fact]
    public async Task Dora_RatesTheWeakestKey()
    {
        // Deployment frequency high, lead time high, change failure rate low, recovery high → overall low.
        var dora = await golden.GetAsync($"/api/v1/dora?from={GoldenDataset.From}&to={GoldenDataset.To}");

        Assert.Equal("low", dora.GetProperty("overall").GetProperty("band").GetString());
        Assert.Equal(["change-failure-rate"], dora.GetProperty("overall").GetProperty("limited_by").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["high", "high", "low", "high"],
            dora.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("summary").GetProperty("band").GetString()));
        Assert.Equal("dora-2024", dora.GetProperty("benchmark").GetString());
    }

    [Fact]
    public async Task EmptyRange_GivesNullValueAndZeroN()
    {
        // Every metric, onboarding included: a cohort of nobody is empty, not a group to hide.
        foreach (var metric in Insights.Domain.Metrics.MetricCatalog.All)
        {
            var result = await golden.GetAsync($"/api/v1/metrics/{metric.Name}?from=2020-01-06&to=2020-02-03");

            var summary = result.GetProperty("summary");
            Assert.True(summary.GetProperty("value").ValueKind == JsonValueKind.Null, $"{metric.Name}: {summary}");
            Assert.True(Number(summary, "n") == 0, $"{metric.Name}: {summary}");
            Assert.False(summary.TryGetProperty("suppressed", out var suppressed) && suppressed.GetBoolean(), $"{metric.Name}: {summary}");
            Assert.All(result.GetProperty("series").EnumerateArray(), p => Assert.Equal(0, Number(p, "n")));
        }
    }
}
