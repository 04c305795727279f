using System.Net.Http.Json;
using System.Text.Json;
using Insights.TestSupport;

namespace Insights.Server.Tests.Metrics;

/// <summary>The overall DORA level needs deployments in the range: other keys alone do not rate a team.</summary>
public sealed class DoraLevelTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task ATeamThatDidNotDeployInTheRange_HasNoLevel_EvenWithARecoveryInIt()
    {
        var prefix = $"dl{Guid.NewGuid():N}"[..12];
        var team = $"{prefix}-team";
        var service = $"{prefix}-svc";
        // A deployment on 26 February fails (an incident names it) and recovers 30 minutes later, on
        // 2 March: March has a recovery (0.5 h, elite) and no deployment.
        await fixture.Server.PushAllAsync("services", new[] { new { name = service, team } });
        await fixture.Server.PushAllAsync("deployments", new[] { new { id = $"{prefix}-d1", service, environment = "production", status = "success", started_at = "2026-02-26T09:50:00Z", finished_at = "2026-02-26T10:00:00Z" } });
        await fixture.Server.PushAllAsync("incidents", new[] { new { id = $"{prefix}-i1", service, title = "down", started_at = "2026-03-02T09:00:00Z", resolved_at = "2026-03-02T09:30:00Z", deployment_id = $"{prefix}-d1" } });
        await fixture.Server.FlushAsync();

        var dora = await fixture.Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/dora?from=2026-03-02&to=2026-03-30&team={team}");

        var keys = dora.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("metric").GetString()!, m => m.GetProperty("summary"));
        Assert.Equal("elite", keys["recovery-time"].GetProperty("band").GetString());
        Assert.Equal(0, keys["deployment-frequency"].GetProperty("n").GetInt32());
        var overall = dora.GetProperty("overall");
        Assert.Equal(JsonValueKind.Null, overall.GetProperty("band").ValueKind);
        Assert.Contains("deployment-frequency", overall.GetProperty("not_rated").EnumerateArray().Select(e => e.GetString()));
    }
}
