namespace Insights.Server.Demo;

/// <summary>With <c>Demo:Load</c> set (./run.sh sets it), loads the demo before the server takes requests.</summary>
public sealed class DemoStartup(DemoLoader loader, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        loader.LoadIfNeededAsync(configuration.GetValue("Demo:Scale", 1), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
