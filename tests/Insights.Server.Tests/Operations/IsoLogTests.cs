using System.Text.RegularExpressions;
using Insights.Server.Operations;
using Insights.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Insights.Server.Tests.Operations;

/// <summary>Every console log line starts with its time in ISO 8601, and dates and times in messages are ISO 8601 too.</summary>
public sealed partial class IsoLogTests
{
    [Fact]
    public void Message_WritesDatesAndTimesAsIso8601_AndKeepsAnExplicitFormat()
    {
        var lines = Log(logger =>
        {
            logger.LogInformation("Loaded the demo organisation ({Events} events, {Start} to {End})", 140_000, new DateOnly(2026, 9, 7), new DateOnly(2026, 12, 7));
            logger.LogWarning(
                "At {At} (was {Offset}, {Local}), took {Took}; {Share:P0} of {{literal}} at {Hour:HH:mm} for {Teams}",
                new DateTime(2026, 9, 7, 14, 5, 0, DateTimeKind.Utc),
                new DateTimeOffset(2026, 9, 7, 16, 5, 0, TimeSpan.FromHours(2)),
                new DateTime(2026, 9, 7, 14, 5, 0, 500, DateTimeKind.Unspecified),
                TimeSpan.FromMinutes(90),
                0.25,
                new DateTime(2026, 9, 7, 14, 5, 0, DateTimeKind.Utc),
                new[] { "payments", "search" });
        });

        Assert.Equal(2, lines.Count);
        Assert.Matches(LineStart(), lines[0]);
        Assert.EndsWith(" info: Demo[0] Loaded the demo organisation (140000 events, 2026-09-07 to 2026-12-07)", lines[0]);
        Assert.EndsWith(
            " warn: Demo[0] At 2026-09-07T14:05:00Z (was 2026-09-07T16:05:00+02:00, 2026-09-07T14:05:00.5), took 01:30:00; 25 % of {literal} at 14:05 for payments, search",
            lines[1]);
    }

    [Fact]
    public void MessageOfASourceGeneratedLogger_IsIsoToo_AndAnExceptionFollowsOnItsOwnLines()
    {
        var lines = Log(logger => Retried(logger, new DateOnly(2026, 3, 2), new InvalidOperationException("refused")));

        Assert.Matches(LineStart(), lines[0]);
        Assert.EndsWith(" fail: Demo[7] Delivery for 2026-03-02 failed", lines[0]);
        Assert.Equal("System.InvalidOperationException: refused", lines[1]);
    }

    [Fact]
    public async Task ServerProcess_WritesEveryLogLineWithAnIsoTime_AndNoOtherDateFormat_WhileLoadingTheDemo()
    {
        await using var clickHouse = await TestClickHouseDatabase.CreateAsync();
        await using var postgres = await TestPostgresDatabase.CreateAsync();
        var spool = Path.Combine(Path.GetTempPath(), "insights-log-" + Guid.NewGuid().ToString("N"));
        await using var server = await ServerProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["ClickHouse__Url"] = TestServices.ClickHouseUrl,
                ["ClickHouse__Database"] = clickHouse.Name,
                ["Postgres__ConnectionString"] = postgres.ConnectionString,
                ["Spool__Path"] = spool,
                ["Logging__LogLevel__Default"] = "Information",
                ["Insights__Role"] = "all",
                ["Demo__Load"] = "true",
            },
            startTimeout: TimeSpan.FromMinutes(5));
        await server.KillAsync();

        var output = server.Output;
        var demo = Assert.Single(output, line => line.Contains("Loaded the demo organisation", StringComparison.Ordinal));
        Assert.Matches(DemoLine(), demo);
        Assert.All(output.Where(line => line.Length > 0 && !char.IsWhiteSpace(line[0]) && !line.StartsWith("   at ", StringComparison.Ordinal)),
            line => Assert.Matches(LineStart(), line));
        Assert.DoesNotContain(output, line => UsDate().IsMatch(line));
        Directory.Delete(spool, recursive: true);
    }

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Delivery for {Week} failed")]
    private static partial void Retried(ILogger logger, DateOnly week, Exception exception);

    /// <summary>The lines the server's console formatter writes for what <paramref name="write"/> logs.</summary>
    private static List<string> Log(Action<ILogger> write)
    {
        var provider = new FormattingProvider();
        using (var factory = LoggerFactory.Create(b => b.AddProvider(provider)))
        {
            write(factory.CreateLogger("Demo"));
        }

        return [.. provider.Text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)];
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z (trce|dbug|info|warn|fail|crit): ")]
    private static partial Regex LineStart();

    [GeneratedRegex(@"Loaded the demo organisation \(\d+ events, \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\)$")]
    private static partial Regex DemoLine();

    [GeneratedRegex(@"\b\d{1,2}/\d{1,2}/\d{4}\b")]
    private static partial Regex UsDate();

    /// <summary>Hands every entry to the server's console formatter, as the console logger does, into one text.</summary>
    private sealed class FormattingProvider : ILoggerProvider
    {
        private readonly IsoConsoleFormatter _formatter = new();

        public StringWriter Text { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Category(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Category(FormattingProvider owner, string name) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner._formatter.Write(new LogEntry<TState>(logLevel, name, eventId, state, exception, formatter), null, owner.Text);
        }
    }
}
