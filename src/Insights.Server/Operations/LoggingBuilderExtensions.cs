using Microsoft.Extensions.Logging.Console;

namespace Insights.Server.Operations;

public static class LoggingBuilderExtensions
{
    private const string IsoTimestamp = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";

    /// <summary>
    /// The console log writes ISO 8601 times and dates (<see cref="IsoConsoleFormatter"/>) unless configuration
    /// chose another formatter (<c>Logging:Console:FormatterName=json</c>, whose lines then carry ISO timestamps).
    /// </summary>
    public static ILoggingBuilder AddIsoConsole(this ILoggingBuilder logging)
    {
        logging.AddConsole(o => o.FormatterName ??= IsoConsoleFormatter.FormatterName);
        logging.AddConsoleFormatter<IsoConsoleFormatter, ConsoleFormatterOptions>();
        logging.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.TimestampFormat ??= IsoTimestamp;
            o.UseUtcTimestamp = true;
        });
        return logging;
    }
}
