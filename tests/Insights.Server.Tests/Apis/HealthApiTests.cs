using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Insights.TestSupport;

namespace Insights.Server.Tests.Apis;

public sealed class HealthApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Healthz_AndReadyz_Answer()
    {
        var health = await fixture.Server.Anonymous.GetAsync("/healthz");
        var ready = await fixture.Server.Anonymous.GetFromJsonAsync<JsonElement>("/readyz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal("ok", ready.GetProperty("checks").GetProperty("clickhouse").GetString());
        Assert.Equal("ok", ready.GetProperty("checks").GetProperty("postgres").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesThePushApi()
    {
        var document = await fixture.Server.Anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/deployments", out _));
        Assert.True(paths.TryGetProperty("/api/v1/pull-requests", out _));
        Assert.True(paths.TryGetProperty("/readyz", out _));
    }
}
