using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Insights.TestSupport;
using Insights.Warehouse.ClickHouse;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Server.Tests.Operations;

/// <summary>
/// A question the warehouse cannot answer gets a problem that says why, not a bare 500: ClickHouse's
/// own refusal at the per-query memory cap, the query timeout, and ClickHouse gone. The limits are
/// lowered on the running server's client (its options are read per query) so that startup succeeds
/// and the real ClickHouse then refuses the question.
/// </summary>
public sealed class WarehouseProblemsTests
{
    private const string Question = "/api/v1/metrics/lead-time?from=2026-03-02&to=2026-03-30";

    [Fact]
    public async Task OverTheMemoryCap_IsA503Problem_NamingTheSetting()
    {
        await using var server = await InsightsTestServer.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(Question)).StatusCode);

        // Every ClickHouse query needs ~2 MiB; 1 MiB refuses any read with MEMORY_LIMIT_EXCEEDED (241).
        server.Services.GetRequiredService<ClickHouseClient>().Options.MaxQueryMemoryBytes = 1L << 20;
        using var response = await server.Client.GetAsync(Question);

        var problem = await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "Question too large for the warehouse");
        Assert.Contains("ClickHouse:MaxQueryMemoryBytes", problem.GetProperty("detail").GetString());
        Assert.False(response.Headers.Contains("Retry-After"), "the same question would fail again");
    }

    [Fact]
    public async Task PastTheQueryTimeout_IsA504Problem()
    {
        await using var server = await InsightsTestServer.StartAsync();
        server.Services.GetRequiredService<ClickHouseClient>().Options.QueryTimeout = TimeSpan.FromMilliseconds(1);

        using var response = await server.Client.GetAsync(Question);

        var problem = await AssertProblemAsync(response, HttpStatusCode.GatewayTimeout, "The warehouse did not answer in time");
        Assert.Contains("ClickHouse:QueryTimeout", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ClickHouseGone_IsA503Problem_WithRetryAfter_ForTheApiAndGrafana()
    {
        await using var clickHouse = await ClickHouseProcess.StartAsync();
        await using var server = await InsightsTestServer.StartAsync(clickHouseUrl: clickHouse.Url);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(Question)).StatusCode);

        await clickHouse.KillAsync();
        using var api = await server.Client.GetAsync(Question);
        using var grafana = await server.Client.PostAsJsonAsync("/grafana/query", new
        {
            range = new { from = "2026-03-02T00:00:00Z", to = "2026-03-30T00:00:00Z" },
            targets = new[] { new { refId = "A", target = "lead-time" } },
        });

        foreach (var response in new[] { api, grafana })
        {
            await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "Warehouse unavailable");
            Assert.Equal(TimeSpan.FromSeconds(WarehouseExceptionHandler.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        }
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
