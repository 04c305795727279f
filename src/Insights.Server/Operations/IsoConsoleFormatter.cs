using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Insights.Server.Operations;

/// <summary>
/// The console log: one line per entry, starting with its UTC time in ISO 8601, dates and times in the
/// message in ISO 8601 too (<see cref="IsoLogMessage"/>); an exception follows on the next lines.
/// <c>2026-12-07T07:43:50.123Z info: Insights.Server.Demo.DemoLoader[0] Loaded the demo organisation (…, 2026-09-07 to 2026-12-07)</c>
/// </summary>
public sealed class IsoConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "iso";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = IsoLogMessage.TryFormat(logEntry.State) ?? logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        // The wall clock, not the app's TimeProvider: a log line says when it was written.
        textWriter.Write(DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write(' ');
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id);
        textWriter.Write("] ");
        // One entry, one line: a message's own line breaks would start lines without a time.
        textWriter.Write(message.ReplaceLineEndings(" "));
        textWriter.Write(Environment.NewLine);
        if (logEntry.Exception is not null)
        {
            textWriter.Write(logEntry.Exception.ToString());
            textWriter.Write(Environment.NewLine);
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
