using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace Insights.Server.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide: every host that configures Hangfire replaces it with one
/// over its own <see cref="ILoggerFactory"/>, and a host that stops disposes that factory. With several
/// hosts in one process (the test suites, embedded roles), another host then failed to build a job
/// client ("Cannot access a disposed object: LoggerFactory", a 500 on enqueue). This provider outlives
/// its host: once the factory is gone, Hangfire's messages through it are dropped instead.
/// </summary>
public sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string> messageFunc, Exception? exception = null) => false;
    }
}
