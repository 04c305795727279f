using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Insights.TestSupport;

namespace Insights.Server.Tests.Operations;

/// <summary>With PostgreSQL down, the server says it is not ready, but metric reads (ClickHouse) go on.</summary>
public sealed class PostgresOutageTests
{
    [Fact]
    public async Task PostgresDown_ReadyzFails_ButMetricsAndPushesKeepWorking()
    {
        await using var postgres = await PostgresProcess.StartAsync();
        await postgres.CreateDatabaseAsync("insights");
        await using var server = await InsightsTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Postgres:ConnectionString"] = postgres.ConnectionString("insights"),
        });
        var created = await server.Client.PostAsJsonAsync("/api/v1/keys", new { name = "dashboard", scopes = new[] { "read" } });
        var reader = server.CreateClient((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/metrics/lead-time")).StatusCode);

        await postgres.StopAsync();

        var ready = await server.Anonymous.GetAsync("/readyz");
        var asAdmin = await server.Client.GetAsync("/api/v1/metrics/deployment-frequency");
        var asReader = await reader.GetAsync("/api/v1/metrics/change-failure-rate");
        var push = await server.PushAsync("incidents", new[] { new { id = "pg-down", service = "s", title = "t", started_at = "2026-03-02T10:00:00Z" } });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("unreachable", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("postgres").GetString());
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asReader.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);

        await postgres.StartAgainAsync();
        Assert.Equal(HttpStatusCode.OK, (await server.Anonymous.GetAsync("/readyz")).StatusCode);
    }
}
