using System.Net.Http.Json;
using System.Text.Json;
using Insights.TestSupport;

namespace Insights.Server.Tests.Metrics;

/// <summary>
/// A change's lead time is the sum of its stages, each at least 0 (docs/metrics.md, "Durations"). The
/// two cases come from Apache DevLake's DORA end-to-end data pushed through our API, where clamping only
/// the total made the breakdown disagree with it: a commit dated after its pull request opened (coding
/// 0 + review 1 h + deploy 25.62 h was reported as 25.62 h), and a deployment recorded before the merge.
/// </summary>
public sealed class LeadTimeStagesTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task LeadTime_IsTheSumOfItsClampedStages_WhenAClockDisagrees()
    {
        var prefix = $"s{Guid.NewGuid():N}"[..10];
        var service = $"{prefix}-api";
        var team = $"{prefix}-team";
        DateTime T(int day, int hour, int minute = 0, int second = 0) => new(2026, 3, day, hour, minute, second, DateTimeKind.Utc);
        await fixture.Server.PushAllAsync("services", new[] { new { name = service, team, repository = $"{prefix}/api" } });
        await fixture.Server.PushAllAsync("pull-requests", new object[]
        {
            // Opened 10:00, first commit an hour later (a rebased branch), merged 11:00, deployed 25:37:12 later.
            new { repository = $"{prefix}/api", number = 1, author = "ann", created_at = IsoTime.Of(T(2, 10)), first_commit_at = IsoTime.Of(T(2, 11)), merged_at = IsoTime.Of(T(2, 11)), merge_commit_sha = $"{prefix}-m1" },
            // First commit 09:00, opened 10:00, merged 12:00; the deployment that lists it finished at 11:30, before the merge.
            new { repository = $"{prefix}/api", number = 2, author = "bob", created_at = IsoTime.Of(T(9, 10)), first_commit_at = IsoTime.Of(T(9, 9)), merged_at = IsoTime.Of(T(9, 12)), merge_commit_sha = $"{prefix}-m2" },
        });
        await fixture.Server.PushAllAsync("deployments", new object[]
        {
            new { id = $"{prefix}-d0", service, environment = "production", status = "success", started_at = IsoTime.Of(T(1, 9)), finished_at = IsoTime.Of(T(1, 10)), commits = new[] { $"{prefix}-m0" } },
            new { id = $"{prefix}-d1", service, environment = "production", status = "success", started_at = IsoTime.Of(T(3, 12)), finished_at = IsoTime.Of(T(3, 12, 37, 12)), commits = new[] { $"{prefix}-m1" } },
            new { id = $"{prefix}-d2", service, environment = "production", status = "success", started_at = IsoTime.Of(T(9, 11)), finished_at = IsoTime.Of(T(9, 11, 30)), commits = new[] { $"{prefix}-m2" } },
        });
        await fixture.Server.FlushAsync();

        var items = (await fixture.Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/lead-time/items?from=2026-03-02&to=2026-03-16&team={team}"))
            .GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        var summary = (await fixture.Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/lead-time?from=2026-03-02&to=2026-03-16&team={team}"))
            .GetProperty("summary");

        // Coding 11:00 − 10:00 … after: −1 h → 0; review 1 h; deploy 25.62 h → 26.62 h (clamping the total gave 25.62).
        Assert.Equal((0, 1, 25.62, 26.62), Stages(items[$"{prefix}/api#1"]));
        // Coding 1 h; review 2 h; deploy −0.5 h → 0 → 3 h (clamping the total gave 2.5).
        Assert.Equal((1, 2, 0, 3), Stages(items[$"{prefix}/api#2"]));
        // The summary is made of the same values: 3 and 26.62 → median 14.81.
        Assert.Equal(14.81, summary.GetProperty("value").GetDouble());
        Assert.Equal(2, summary.GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task LeadTime_HasFourStages_FromTheDraftsReadyTimeAndTheFirstReview()
    {
        var prefix = $"f{Guid.NewGuid():N}"[..10];
        var service = $"{prefix}-api";
        var team = $"{prefix}-team";
        string T(int hour, int minute = 0) => IsoTime.Of(new DateTime(2026, 3, 4, hour, minute, 0, DateTimeKind.Utc));
        await fixture.Server.PushAllAsync("services", new[] { new { name = service, team, repository = $"{prefix}/api" } });
        await fixture.Server.PushAllAsync("pull-requests", new object[]
        {
            // A draft: first commit 08:00, opened 09:00, ready 11:00, first review 12:30, merged 14:00.
            new { repository = $"{prefix}/api", number = 1, author = "ann", first_commit_at = T(8), created_at = T(9), ready_for_review_at = T(11), first_review_at = T(12, 30), merged_at = T(14), merge_commit_sha = $"{prefix}-m1" },
            // Merged unreviewed: opened 09:00, merged 10:00.
            new { repository = $"{prefix}/api", number = 2, author = "bob", first_commit_at = T(8), created_at = T(9), merged_at = T(10), merge_commit_sha = $"{prefix}-m2" },
            // A draft reviewed before it was ready (09:30 < 10:00); first commit unknown: coding is the draft's time.
            new { repository = $"{prefix}/api", number = 3, author = "cy", created_at = T(9), first_review_at = T(9, 30), ready_for_review_at = T(10), merged_at = T(11), merge_commit_sha = $"{prefix}-m3" },
            // Reviewed only after its merge (10:00 < 12:00): the review counts at the merge.
            new { repository = $"{prefix}/api", number = 4, author = "dee", first_commit_at = T(8), created_at = T(9), merged_at = T(10), first_review_at = T(12), merge_commit_sha = $"{prefix}-m4" },
            // Neither a first commit nor a draft known: no coding time; lead time starts at the opening.
            new { repository = $"{prefix}/api", number = 5, author = "eve", created_at = T(9), first_review_at = T(9, 15), merged_at = T(10), merge_commit_sha = $"{prefix}-m5" },
        });
        await fixture.Server.PushAllAsync("deployments", new object[]
        {
            new { id = $"{prefix}-d0", service, environment = "production", status = "success", started_at = T(1), finished_at = T(2), commits = new[] { $"{prefix}-m0" } },
            new { id = $"{prefix}-d1", service, environment = "production", status = "success", started_at = T(15), finished_at = T(16), commits = Enumerable.Range(1, 5).Select(i => $"{prefix}-m{i}").ToArray() },
        });
        await fixture.Server.FlushAsync();

        var items = (await fixture.Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/lead-time/items?from=2026-03-02&to=2026-03-09&team={team}"))
            .GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        var result = await fixture.Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/lead-time?from=2026-03-02&to=2026-03-09&team={team}");

        // (coding, pickup, review, deploy, lead time)
        Assert.Equal((3, 1.5, 1.5, 2, 8), FourStages(items[$"{prefix}/api#1"]));
        Assert.Equal((1, null, 1, 6, 8), FourStages(items[$"{prefix}/api#2"]));
        Assert.Equal((1, 0, 1, 5, 7), FourStages(items[$"{prefix}/api#3"]));
        Assert.Equal((1, 1, 0, 6, 8), FourStages(items[$"{prefix}/api#4"]));
        Assert.Equal((null, 0.25, 0.75, 6, 7), FourStages(items[$"{prefix}/api#5"]));
        Assert.Equal("2026-03-04T11:00:00Z", items[$"{prefix}/api#1"].GetProperty("ready_for_review_at").GetString());
        Assert.Equal("2026-03-04T12:30:00Z", items[$"{prefix}/api#1"].GetProperty("first_review_at").GetString());

        // The breakdown: each stage's median over the changes that have it — coding 1, 1, 1, 3 → 1;
        // pickup 0, 0.25, 1, 1.5 → 0.63 (R-7: 0.625); review 0, 0.75, 1, 1, 1.5 → 1; deploy 2, 5, 6, 6, 6 → 6.
        var breakdown = result.GetProperty("breakdown");
        Assert.Equal([1, 0.63, 1, 6], new[] { "coding_hours", "pickup_hours", "review_hours", "deploy_hours" }.Select(s => breakdown.GetProperty(s).GetDouble()));
        Assert.Equal(8, result.GetProperty("summary").GetProperty("value").GetDouble());
    }

    private static (double? Coding, double? Pickup, double Review, double Deploy, double Total) FourStages(JsonElement item)
    {
        double? Hours(string name) => item.GetProperty(name).ValueKind == JsonValueKind.Null ? null : Math.Round(item.GetProperty(name).GetDouble(), 2);
        return (Hours("coding_hours"), Hours("pickup_hours"), Hours("review_hours")!.Value, Hours("deploy_hours")!.Value, Hours("value")!.Value);
    }

    private static (double Coding, double Review, double Deploy, double Total) Stages(JsonElement item) =>
        (Math.Round(item.GetProperty("coding_hours").GetDouble(), 2),
         Math.Round(item.GetProperty("review_hours").GetDouble(), 2),
         Math.Round(item.GetProperty("deploy_hours").GetDouble(), 2),
         Math.Round(item.GetProperty("value").GetDouble(), 2));
}
