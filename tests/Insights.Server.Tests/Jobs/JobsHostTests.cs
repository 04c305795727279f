using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hangfire;
using Insights.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Server.Tests.Jobs;

public sealed class JobsHostTests : IAsyncLifetime
{
    private InsightsTestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await InsightsTestServer.StartAsync(new Dictionary<string, string?> { ["Insights:Role"] = "all" });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Jobs_RunOnARealHangfireServer_OverPostgreSql()
    {
        var marker = Path.Combine(Path.GetTempPath(), "insights-job-" + Guid.NewGuid().ToString("N"));
        var client = _server.Services.GetRequiredService<IBackgroundJobClient>();

        client.Enqueue(() => MarkerJob.Write(marker));

        for (var i = 0; i < 100 && !File.Exists(marker); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(File.Exists(marker));
        File.Delete(marker);
    }

    [Fact]
    public async Task Dashboard_IsForAdminsOnly()
    {
        var created = await _server.Client.PostAsJsonAsync("/api/v1/keys", new { name = "reader", scopes = new[] { "read" } });
        var reader = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();

        var anonymous = await _server.Anonymous.GetAsync("/hangfire");
        var asReader = await Basic(reader!).GetAsync("/hangfire");
        var asAdmin = await Basic(InsightsTestServer.AdminKey).GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.StartsWith("Basic", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, asReader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Contains("Platform Insights", await asAdmin.Content.ReadAsStringAsync());
    }

    private HttpClient Basic(string key)
    {
        var client = _server.CreateClient(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + key)));
        return client;
    }
}

public static class MarkerJob
{
    public static void Write(string path) => File.WriteAllText(path, "ran");
}
