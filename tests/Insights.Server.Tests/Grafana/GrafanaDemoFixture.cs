using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Insights.Server.Demo;
using Insights.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Server.Tests.Grafana;

/// <summary>One server with the demo organisation (what ./run.sh loads) for every Grafana test class.</summary>
public sealed class GrafanaDemoFixture : IAsyncLifetime
{
    private InsightsTestServer? _server;

    public InsightsTestServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        _server = await InsightsTestServer.StartAsync(new Dictionary<string, string?> { ["Metrics:GoldenPathPipelines:0"] = "golden-path/*" });
        Assert.True(await _server.Services.GetRequiredService<DemoLoader>().LoadIfNeededAsync(scale: 1, CancellationToken.None));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Posts a JSON body (raw text, as Grafana sends it) and returns the status and the parsed answer.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string json, HttpClient? client = null)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await (client ?? Server.Client).PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body);
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, object body, HttpClient? client = null) =>
        PostAsync(path, JsonSerializer.Serialize(body), client);

    /// <summary>Posts and insists on 200, showing the problem otherwise.</summary>
    public async Task<JsonElement> PostOkAsync(string path, object body)
    {
        var json = body as string ?? JsonSerializer.Serialize(body);
        var (status, answer) = await PostAsync(path, json);
        Assert.True(status == HttpStatusCode.OK, $"POST {path} {json}\n→ {(int)status} {answer}");
        return answer;
    }

    public async Task<JsonElement> GetOkAsync(string path)
    {
        var response = await Server.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} → {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A client holding a fresh key with only the given scopes.</summary>
    public async Task<HttpClient> ClientWithScopesAsync(params string[] scopes)
    {
        var created = await Server.Client.PostAsJsonAsync("/api/v1/keys", new { name = "grafana-" + Guid.NewGuid().ToString("N")[..8], scopes });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return Server.CreateClient((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
    }
}
