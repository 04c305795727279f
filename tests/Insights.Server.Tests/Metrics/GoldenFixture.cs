using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Insights.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Insights.Server.Tests.Metrics;

/// <summary>A server whose clock stands at <see cref="GoldenDataset.Now"/>, loaded with the golden dataset through the push API.</summary>
public sealed class GoldenFixture : IAsyncLifetime
{
    private InsightsTestServer? _server;

    public InsightsTestServer Server => _server!;

    public async Task InitializeAsync()
    {
        var clock = new FakeTimeProvider(GoldenDataset.Now);
        _server = await InsightsTestServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["Metrics:GoldenPathPipelines:0"] = "gp/*",
                ["Metrics:AttributionWindowHours"] = "24",
                ["Metrics:ColdStartDays"] = "30",
            },
            builder => builder.Services.AddSingleton<TimeProvider>(clock));

        await PushAsync("services", GoldenDataset.Services);
        await PushAsync("engineers", GoldenDataset.Engineers);
        await PushAsync("deployments", [GoldenDataset.AlphaInProgress]);
        await Server.FlushAsync();
        await PushAsync("deployments", GoldenDataset.AlphaDeployments);
        await PushAsync("deployments", GoldenDataset.BetaDeployments);
        await PushAsync("incidents", GoldenDataset.Incidents);
        await PushAsync("pull-requests", GoldenDataset.PullRequests);
        await PushAsync("provisioning-requests", GoldenDataset.ProvisioningRequests);
        await Server.FlushAsync();
        // Corrections and duplicates arrive later and in other batches.
        await PushAsync("deployments", GoldenDataset.AlphaCorrections);
        await PushAsync("incidents", [GoldenDataset.IncidentUpdate]);
        await PushAsync("pull-requests", [GoldenDataset.PullRequestUpdate]);
        await PushAsync("pull-requests", [GoldenDataset.PullRequestUpdate]);
        await Server.FlushAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        var response = await Server.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public Task<JsonElement> MetricAsync(string metric, string query = "") =>
        GetAsync($"/api/v1/metrics/{metric}?from={GoldenDataset.From}&to={GoldenDataset.To}{query}");

    /// <summary>Every item of a metric over the golden range, read page by page (7 a page, so that paging is exercised).</summary>
    public async Task<IReadOnlyList<JsonElement>> ItemsAsync(string metric, string query = "")
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await GetAsync($"/api/v1/metrics/{metric}/items?from={GoldenDataset.From}&to={GoldenDataset.To}&limit=7{query}{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);
        return items;
    }

    private async Task PushAsync(string route, object[] items)
    {
        var response = await Server.Client.PostAsJsonAsync($"/api/v1/{route}", items);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted && body.GetProperty("rejected").GetArrayLength() == 0, $"{route}: {body}");
    }
}
