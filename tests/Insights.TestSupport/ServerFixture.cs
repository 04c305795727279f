using Xunit;

namespace Insights.TestSupport;

/// <summary>One server per test class (xunit class fixture); tests isolate themselves with fresh ids.</summary>
public class ServerFixture : IAsyncLifetime
{
    private InsightsTestServer? _server;

    public InsightsTestServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync() => _server = await InsightsTestServer.StartAsync(Settings);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
