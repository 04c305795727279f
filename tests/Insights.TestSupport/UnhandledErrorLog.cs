using Microsoft.Extensions.Logging;

namespace Insights.TestSupport;

/// <summary>
/// Appends every request that ended in an unhandled exception (a 500) to the file named by
/// INSIGHTS_TEST_ERROR_LOG. A test only sees the 500; ./test.sh prints this file when a run fails,
/// so CI output carries the exception behind it.
/// </summary>
public sealed class UnhandledErrorLog(string path) : ILoggerProvider
{
    private static readonly Lock Gate = new();

    public static string? PathFromEnvironment => Environment.GetEnvironmentVariable("INSIGHTS_TEST_ERROR_LOG");

    public ILogger CreateLogger(string categoryName) => new Logger(path, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string path, string category) : ILogger
    {
        // The ASP.NET Core categories that report exceptions escaping a request.
        public bool IsEnabled(LogLevel logLevel) =>
            logLevel >= LogLevel.Error && category.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var entry = $"{DateTime.UtcNow:O} {logLevel} {category}: {formatter(state, exception)}{Environment.NewLine}{exception}{Environment.NewLine}";
            lock (Gate)
            {
                File.AppendAllText(path, entry);
            }
        }
    }
}
