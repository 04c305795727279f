using System.Globalization;
using System.Text.Json;
using Insights.Domain.Metrics;
using Insights.TestSupport;

namespace Insights.Server.Tests.Metrics;

/// <summary>
/// Every reason code (sql/clickhouse/metrics/reasons.yaml, docs/metrics.md "Reason codes") shown by the
/// smallest organisation that gives it: a team of its own with one service, the rows the rule leaves
/// out, and the sentence that says why through GET /api/v1/metrics/{metric}/items. The server leaves
/// changes labelled dependencies out (metrics.exclude_labels).
/// </summary>
public sealed class ItemReasonTests(LabelExcludingServerFixture fixture) : IClassFixture<LabelExcludingServerFixture>
{
    private const string From = "2026-02-02";
    private const string To = "2026-02-16";

    private static string At(int day, int hour) => IsoTime.Of(new DateTime(2026, 2, day, hour, 0, 0, DateTimeKind.Utc));

    /// <summary>Each code: the metric that gives it, what to push (for team t and service s), the item's id and words of its explanation.</summary>
    private static readonly Dictionary<string, Case> Cases = new(StringComparer.Ordinal)
    {
        ["not_production"] = new("deployment-frequency", (t, s) => [Deployment(s, $"{s}-d", "staging", "success", At(3, 10))], "{s}-d", "staging is not a production environment of {s} (metrics.production_environments: production, prod)"),
        ["not_successful"] = new("deployment-frequency", (t, s) => [Deployment(s, $"{s}-d", "production", "failure", At(3, 10))], "{s}-d", "its status is failure"),
        ["not_finished"] = new("deployment-frequency", (t, s) => [Deployment(s, $"{s}-d", "production", "in_progress", null)], "{s}-d", "it has no finish time yet (status in_progress)"),
        ["not_deployed"] = new("lead-time", (t, s) => [Pr(s, 1, "ann", null, At(3, 9))], "{s}/repo#1", "no production deployment of {s} shipped it by the end of the range (attributed by time"),
        ["cold_start"] = new("lead-time", (t, s) => [Pr(s, 1, "ann", null, "2025-12-01T09:00:00Z"), Deployment(s, $"{s}-d", "production", "success", At(3, 10))], "{s}/repo#1", "it shipped with {s}-d, the first production deployment of {s}, 64.04 days after its merge"),
        ["bot_author"] = new("lead-time", (t, s) =>
            [
                Pr(s, 1, "dependabot[bot]", null, At(3, 9)),
                Pr(s, 2, "ci-helper", "Bot", At(3, 9)),
                Pr(s, 3, "Renovate-Bot", "User", At(3, 9)),
                Deployment(s, $"{s}-d", "production", "success", At(3, 10)),
            ], "{s}/repo#1", "its author dependabot[bot] is a bot (its login ends in [bot]), and metrics.exclude_bots leaves bots' changes out"),
        ["excluded_label"] = new("lead-time", (t, s) =>
            [
                Pr(s, 1, "ann", "User", At(3, 9), ["backend", "Dependencies"]),
                Pr(s, 2, "bob", "User", At(3, 9), ["backend"]),
                Deployment(s, $"{s}-d", "production", "success", At(3, 10)),
            ], "{s}/repo#1", "it is labelled Dependencies, and metrics.exclude_labels (dependencies) leaves such changes out"),
        ["not_recovered"] = new("recovery-time", (t, s) => [Deployment(s, $"{s}-d", "production", "success", At(3, 10)), Incident(s, $"{s}-i", At(3, 11), null, $"{s}-d", true)], "{s}-d", "it had not recovered by the end of the range"),
        ["not_change_related"] = new("change-failure-rate", (t, s) => [Deployment(s, $"{s}-d", "production", "success", At(3, 10)), Incident(s, $"{s}-i", At(3, 12), At(3, 13), null, false)], "{s}-i", "not caused by a change (change_related: false)"),
        ["no_deployment_before"] = new("change-failure-rate", (t, s) => [Incident(s, $"{s}-i", At(3, 12), At(3, 13), null, true)], "{s}-i", "no production deployment of {s} finished before it started"),
        ["outside_attribution_window"] = new("change-failure-rate", (t, s) => [Deployment(s, $"{s}-d", "production", "success", At(3, 10)), Incident(s, $"{s}-i", At(5, 10), At(5, 11), null, true)], "{s}-i", "the latest production deployment of {s} before it, {s}-d, finished 48 h before it started, outside metrics.attribution_window_hours (24)"),
        ["unknown_deployment"] = new("change-failure-rate", (t, s) => [Incident(s, $"{s}-i", At(3, 12), At(3, 13), "nope", true)], "{s}-i", "it names deployment nope, which is no successful production deployment"),
        ["not_resolved"] = new("incident-restore-time", (t, s) => [Incident(s, $"{s}-i", At(3, 12), null, null, true)], "{s}-i", "it was still open at the end of the range"),
        ["not_reached_production"] = new("onboarding-time", (t, s) => [.. Enumerable.Range(0, 5).Select(i => Engineer(t, $"{t}-e{i}"))], "{t}-e0", "no change they authored since their start date has reached production yet"),
        ["not_ready"] = new("provisioning-time", (t, s) => [Request(t, $"{t}-r", At(3, 10), null, "open")], "{t}-r", "it was not ready at the end of the range"),
        ["cancelled"] = new("provisioning-time", (t, s) => [Request(t, $"{t}-r", At(3, 10), null, "cancelled")], "{t}-r", "its status is cancelled: cancelled and rejected requests are neither ready nor pending"),
    };

    public static TheoryData<string> Codes => [.. Cases.Keys];

    [Fact]
    public void EveryReasonCode_HasItsCase()
    {
        Assert.Equal(MetricCatalog.Reasons.Keys.Order(StringComparer.Ordinal), Cases.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task Reason_IsGiven_WithItsExplanation(string code)
    {
        var (metric, push, id, words) = Cases[code];
        var prefix = $"r{Guid.NewGuid():N}"[..10];
        var (team, service) = ($"{prefix}-t", $"{prefix}-s");
        await fixture.Server.PushAllAsync("services", new[] { new { name = service, team, repository = $"{service}/repo" } });
        foreach (var group in push(team, service).GroupBy(e => e.Route))
        {
            await fixture.Server.PushAllAsync(group.Key, group.Select(e => e.Body));
        }

        await fixture.Server.FlushAsync();

        var page = await GetOkAsync($"/api/v1/metrics/{metric}/items?from={From}&to={To}&team={team}");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        var itemId = id.Replace("{s}", service, StringComparison.Ordinal).Replace("{t}", team, StringComparison.Ordinal);
        var item = items.SingleOrDefault(i => i.GetProperty("id").GetString() == itemId);
        Assert.True(item.ValueKind == JsonValueKind.Object, $"{code}: no item {itemId} in {page}");
        Assert.False(item.GetProperty("counted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("value").ValueKind);
        Assert.Equal(code, item.GetProperty("reason").GetString());
        Assert.Contains(words.Replace("{s}", service, StringComparison.Ordinal).Replace("{t}", team, StringComparison.Ordinal), item.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        if (code == "excluded_label")
        {
            // A change without the label counts.
            Assert.True(items.Single(i => i.GetProperty("id").GetString() == $"{service}/repo#2").GetProperty("counted").GetBoolean());
        }

        if (code == "bot_author")
        {
            // Each way of being a bot, named.
            Assert.Equal(
                ["its login ends in [bot]", "its source gives the account type Bot", "it matches metrics.bot_authors (dependabot*, renovate*)"],
                items.Where(i => i.GetProperty("reason").GetString() == "bot_author").Select(i => i.GetProperty("bot_rule").GetString()));
        }
    }

    private async Task<JsonElement> GetOkAsync(string path)
    {
        using var response = await fixture.Server.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private sealed record Case(string Metric, Func<string, string, Event[]> Push, string Id, string Words);

    private sealed record Event(string Route, object Body);

    private static Event Deployment(string service, string id, string environment, string status, string? finishedAt) => new("deployments", new
    {
        id,
        service,
        environment,
        status,
        started_at = finishedAt is null ? At(3, 9) : IsoTime.Of(DateTime.Parse(finishedAt, CultureInfo.InvariantCulture).ToUniversalTime().AddMinutes(-5)),
        finished_at = finishedAt,
    });

    private static Event Incident(string service, string id, string started, string? resolved, string? deployment, bool changeRelated) =>
        new("incidents", new { id, service, title = "t", started_at = started, resolved_at = resolved, deployment_id = deployment, change_related = changeRelated });

    private static Event Pr(string service, int number, string author, string? authorType, string merged, string[]? labels = null) => new("pull-requests", new
    {
        labels,
        repository = $"{service}/repo",
        number,
        author,
        author_type = authorType,
        created_at = IsoTime.Of(DateTime.Parse(merged, CultureInfo.InvariantCulture).ToUniversalTime().AddHours(-1)),
        merged_at = merged,
        merge_commit_sha = $"{service}-{number}",
    });

    private static Event Engineer(string team, string id) => new("engineers", new { id, start_date = "2026-02-03", team, github_login = id });

    private static Event Request(string team, string id, string requested, string? ready, string status) =>
        new("provisioning-requests", new { id, resource_type = "db", channel = "ticket", team, requested_at = requested, ready_at = ready, status });
}
