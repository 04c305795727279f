using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Insights.TestSupport;
using Microsoft.Extensions.Logging;

namespace Insights.Server.Tests.Operations;

/// <summary>Every log line, at every level, while keys and signed webhooks are used: no secret in any of them.</summary>
public sealed class SecretsNotLoggedTests
{
    private const string WebhookSecret = "webhook-secret-must-not-leak";

    [Fact]
    public async Task Secrets_NeverReachTheLogs()
    {
        var lines = new ConcurrentQueue<string>();
        await using var server = await InsightsTestServer.StartAsync(
            new Dictionary<string, string?> { ["INSIGHTS_GITHUB_WEBHOOK_SECRET"] = WebhookSecret, ["Logging:LogLevel:Default"] = "Trace" },
            builder =>
            {
                builder.Logging.SetMinimumLevel(LogLevel.Trace);
                builder.Logging.AddProvider(new CapturingLoggerProvider(lines));
            });

        var created = await server.Client.PostAsJsonAsync("/api/v1/keys", new { name = "ci", scopes = new[] { "ingest" } });
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        await server.CreateClient(key).PostAsJsonAsync("/api/v1/services", new[] { new { name = "s", team = "t" } });
        await server.CreateClient(key + "x").GetAsync("/api/v1/metrics");
        var body = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}";
        using var hook = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        hook.Headers.Add("X-GitHub-Event", "ping");
        hook.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), Encoding.UTF8.GetBytes(body))));
        await server.Anonymous.SendAsync(hook);
        await server.FlushAsync();

        Assert.NotEmpty(lines);
        foreach (var secret in new[] { InsightsTestServer.AdminKey, key, key[4..], WebhookSecret })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category} {logLevel} {formatter(state, exception)} {exception}");
    }
}
