using System.Net.Http.Json;
using System.Text.Json;
using Insights.Domain.Metrics;
using Insights.Server.Demo;
using Insights.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Server.Tests.Metrics;

/// <summary>The demo organisation (what ./run.sh loads) shows a value for every metric over the default range.</summary>
public sealed class DemoMetricsTests : IAsyncLifetime
{
    private InsightsTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await InsightsTestServer.StartAsync(new Dictionary<string, string?> { ["Metrics:GoldenPathPipelines:0"] = "golden-path/*" });
        Assert.True(await _server.Services.GetRequiredService<DemoLoader>().LoadIfNeededAsync(scale: 1, CancellationToken.None));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EveryMetric_HasAValue_ForTheDefaultRange()
    {
        foreach (var metric in MetricCatalog.All)
        {
            var result = await _server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/{metric.Name}");
            var summary = result.GetProperty("summary");
            Assert.True(summary.GetProperty("value").ValueKind == JsonValueKind.Number, $"{metric.Name}: {summary}");
            Assert.True(summary.GetProperty("n").GetInt64() > 0, $"{metric.Name}: {summary}");
        }
    }

    [Fact]
    public async Task Nps_IsShownForEveryTeam_AndTheDemoCampaignIsListed()
    {
        var campaigns = await _server.Client.GetFromJsonAsync<JsonElement>("/api/v1/surveys");
        var demo = campaigns.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Platform NPS (demo)");

        foreach (var team in new[] { "payments", "checkout", "search", "identity", "platform" })
        {
            var summary = (await _server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/nps?team={team}&campaign={demo.GetProperty("id").GetGuid()}")).GetProperty("summary");
            Assert.False(summary.GetProperty("suppressed").GetBoolean(), $"{team}: {summary}");
            Assert.InRange(summary.GetProperty("value").GetDouble(), -100, 100);
            Assert.True(summary.GetProperty("margin_of_error").GetDouble() >= 0, $"{team}: {summary}");
            Assert.Equal(9, summary.GetProperty("audience_size").GetInt64());
        }
    }

    [Fact]
    public async Task LoadingAgain_TheSameDay_DoesNothing()
    {
        var loader = _server.Services.GetRequiredService<DemoLoader>();

        Assert.False(await loader.LoadIfNeededAsync(scale: 1, CancellationToken.None));
    }

    [Fact]
    public async Task Dora_RatesEveryKey_AndTeamsHaveAdopted()
    {
        var dora = await _server.Client.GetFromJsonAsync<JsonElement>("/api/v1/dora");
        var teams = await _server.Client.GetFromJsonAsync<JsonElement>("/api/v1/teams");

        Assert.Empty(dora.GetProperty("overall").GetProperty("not_rated").EnumerateArray());
        Assert.Equal(5, teams.GetArrayLength());
        Assert.Equal(4, teams.EnumerateArray().Count(t => t.GetProperty("adopted_on").ValueKind == JsonValueKind.String));
    }
}
