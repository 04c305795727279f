using System.Text.Json;
using System.Text.RegularExpressions;
using Insights.Warehouse.ClickHouse;

namespace Insights.Warehouse.Metrics;

/// <summary>
/// The ClickHouse session of one metric question. A metric's <c>setup.sql</c> builds temporary tables
/// (a window of deduplicated deployments read by several parts of the final query, like a materialized
/// CTE); they live in a session of their own and are dropped when it is disposed. Without setup
/// statements no session is opened.
/// </summary>
public sealed partial class MetricSession : IAsyncDisposable
{
    private readonly ClickHouseClient _client;
    private readonly List<string> _temporary = [];

    private MetricSession(ClickHouseClient client) => _client = client;

    /// <summary>Opens a session (when there are setup statements) and runs them.</summary>
    public static async Task<MetricSession> OpenAsync(ClickHouseClient clickHouse, IReadOnlyList<string> setup, CancellationToken cancellationToken)
    {
        if (setup.Count == 0)
        {
            return new MetricSession(clickHouse);
        }

        var session = new MetricSession(await clickHouse.OpenSessionAsync(cancellationToken).ConfigureAwait(false));
        try
        {
            foreach (var statement in setup)
            {
                await session.ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return session;
    }

    /// <summary>Runs a statement; a temporary table it creates is dropped with the session.</summary>
    public async Task ExecuteAsync(string statement, CancellationToken cancellationToken)
    {
        await _client.ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
        if (TemporaryTable().Match(statement) is { Success: true } created)
        {
            _temporary.Add(created.Groups[1].Value);
        }
    }

    public Task<List<Dictionary<string, JsonElement>>> QueryAsync(string sql, CancellationToken cancellationToken) =>
        _client.QueryAsync<Dictionary<string, JsonElement>>(sql, cancellationToken);

    public IAsyncEnumerable<Dictionary<string, JsonElement>> StreamAsync(string sql, CancellationToken cancellationToken) =>
        _client.QueryStreamAsync<Dictionary<string, JsonElement>>(sql, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var table in _temporary)
        {
            try
            {
                await _client.ExecuteAsync($"DROP TEMPORARY TABLE IF EXISTS {table}", CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or ClickHouseException or TimeoutException)
            {
                // The session expires a minute later and takes its tables with it.
            }
        }

        _temporary.Clear();
    }

    [GeneratedRegex(@"CREATE\s+TEMPORARY\s+TABLE\s+(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex TemporaryTable();
}
