using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Insights.Warehouse.ClickHouse;

/// <summary>
/// A small client for ClickHouse's HTTP interface (see docs/adr/0001-clickhouse-over-http.md):
/// queries travel in the request body and come back as JSONEachRow; inserts are gzip'd
/// JSONEachRow. It works against 18.16 and current releases, so it uses no feature newer than that.
/// </summary>
public sealed class ClickHouseClient
{
    public static readonly ActivitySource ActivitySource = new("Insights.ClickHouse");

    private readonly HttpClient _http;
    private readonly ClickHouseOptions _options;
    private readonly AuthenticationHeaderValue _auth;

    public ClickHouseClient(HttpClient http, ClickHouseOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options;
        _auth = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}")));
    }

    public ClickHouseOptions Options => _options;

    public string Database => _options.Database;

    /// <summary>The same server and credentials, another database.</summary>
    public ClickHouseClient WithDatabase(string database) => Copy(database, _options.SessionId);

    /// <summary>
    /// A client whose requests share one new server session, so that a temporary table created by one
    /// statement can be read by the next. Use it for one sequence of statements, never concurrently.
    /// </summary>
    public async Task<ClickHouseClient> OpenSessionAsync(CancellationToken cancellationToken = default)
    {
        var session = Copy(_options.Database, Guid.NewGuid().ToString("N"));
        // TRICKY: 18.16 resolves the tables of CREATE TEMPORARY TABLE … AS SELECT in the session's
        // database, not in the request's `database` parameter; USE sets the former.
        await session.ExecuteAsync($"USE {SqlLiteral.Identifier(_options.Database)}", cancellationToken, useDatabase: false).ConfigureAwait(false);
        if (_options.IsCluster)
        {
            // TRICKY: 18.16 runs CREATE TEMPORARY TABLE … AS SELECT with the session's settings, not the
            // request's, so the cluster's query settings (BuildRequest) are set on the session too.
            await session.ExecuteAsync("SET distributed_product_mode = 'global'", cancellationToken, useDatabase: false).ConfigureAwait(false);
        }

        return session;
    }

    private ClickHouseClient Copy(string database, string? session) => new(_http, new ClickHouseOptions
    {
        Url = _options.Url,
        Database = database,
        Cluster = _options.Cluster,
        User = _options.User,
        Password = _options.Password,
        QueryTimeout = _options.QueryTimeout,
        InsertTimeout = _options.InsertTimeout,
        MaxQueryMemoryBytes = _options.MaxQueryMemoryBytes,
        SessionId = session,
    });

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(BaseUri, "ping"), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Runs a statement that returns no rows (DDL, ALTER, OPTIMIZE…).</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken = default, bool useDatabase = true)
    {
        using var activity = StartActivity("execute", sql);
        await SendAsync(sql, useDatabase, null, _options.QueryTimeout, async (response, ct) =>
        {
            var body = await ReadTextAsync(response, ct).ConfigureAwait(false);
            ThrowIfErrorText(body, (int)response.StatusCode);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, CancellationToken cancellationToken = default)
    {
        var rows = new List<T>();
        await foreach (var row in QueryStreamAsync<T>(sql, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    public async Task<T?> QueryScalarAsync<T>(string sql, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync<Dictionary<string, JsonElement>>(sql, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0 || rows[0].Count == 0)
        {
            return default;
        }

        return rows[0].Values.First().Deserialize<T>(ClickHouseJson.Options);
    }

    /// <summary>
    /// Streams rows as they arrive. An error that ClickHouse reports after it began streaming
    /// (status 200, error text appended to the body) surfaces as a <see cref="ClickHouseException"/>.
    /// </summary>
    public async IAsyncEnumerable<T> QueryStreamAsync<T>(
        string sql, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var activity = StartActivity("query", sql);
        var query = sql.TrimEnd().TrimEnd(';') + "\nFORMAT JSONEachRow";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.QueryTimeout);
        var queryId = Guid.NewGuid().ToString("N");
        using var request = BuildRequest(query, useDatabase: true, queryId, _options.QueryTimeout, insertTable: null);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            KillInBackground(queryId);
            throw new TimeoutException($"ClickHouse query did not answer within {_options.QueryTimeout}.");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var body = await ReadTextAsync(response, timeout.Token).ConfigureAwait(false);
                throw ClickHouseException.FromResponse(body, (int)response.StatusCode);
            }

            var stream = await ReadStreamAsync(response, timeout.Token).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var count = 0;
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    KillInBackground(queryId);
                    if (cancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }

                    throw new TimeoutException($"ClickHouse query did not finish within {_options.QueryTimeout}.");
                }

                if (line is null)
                {
                    break;
                }

                if (line.Length == 0)
                {
                    continue;
                }

                yield return ParseRow<T>(line, (int)response.StatusCode);
                count++;
            }

            activity?.SetTag("db.response.returned_rows", count);
        }
    }

    /// <summary>
    /// The rows of a query as JSONEachRow text, streamed as ClickHouse sends them (for copying a table
    /// without holding it). The caller disposes the stream; a read past the deadline fails.
    /// </summary>
    public async Task<Stream> OpenJsonEachRowAsync(string sql, TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        var query = sql.TrimEnd().TrimEnd(';') + "\nFORMAT JSONEachRow";
        using var request = BuildRequest(query, useDatabase: true, Guid.NewGuid().ToString("N"), deadline, insertTable: null);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw ClickHouseException.FromResponse(await ReadTextAsync(response, cancellationToken).ConfigureAwait(false), (int)response.StatusCode);
            }
        }

        return await ReadStreamAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts pre-serialized JSONEachRow lines (one object per line), gzip'd on the wire.</summary>
    public Task InsertJsonEachRowAsync(string table, ReadOnlyMemory<byte> rows, CancellationToken cancellationToken = default) =>
        InsertJsonEachRowAsync(table, () => new MemoryStream(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(rows, out var segment)
            ? segment.Array!
            : rows.ToArray(), segment.Offset, segment.Count, writable: false), rows.Length, cancellationToken);

    /// <summary>
    /// Inserts JSONEachRow lines read from a stream, compressing while sending, so a large batch is
    /// never held in memory twice. <paramref name="open"/> is called again if the request is retried.
    /// </summary>
    public async Task InsertJsonEachRowAsync(string table, Func<Stream> open, long length, CancellationToken cancellationToken = default)
    {
        using var activity = StartActivity("insert", "INSERT INTO " + table);
        activity?.SetTag("db.collection.name", table);
        activity?.SetTag("insights.insert.bytes", length);
        await SendAsync(null, useDatabase: true, table, _options.InsertTimeout, async (response, ct) =>
        {
            var body = await ReadTextAsync(response, ct).ConfigureAwait(false);
            ThrowIfErrorText(body, (int)response.StatusCode);
            return 0;
        }, cancellationToken, new GzipContent(open)).ConfigureAwait(false);
    }

    /// <summary>Serializes rows with the warehouse's JSON conventions and inserts them.</summary>
    public Task InsertAsync<T>(string table, IEnumerable<T> rows, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        foreach (var row in rows)
        {
            JsonSerializer.Serialize(buffer, row, ClickHouseJson.Options);
            buffer.WriteByte((byte)'\n');
        }

        return buffer.Length == 0
            ? Task.CompletedTask
            : InsertJsonEachRowAsync(table, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
    }

    private Uri BaseUri => new(_options.Url.TrimEnd('/') + "/");

    private async Task<TResult> SendAsync<TResult>(
        string? sql,
        bool useDatabase,
        string? insertTable,
        TimeSpan deadline,
        Func<HttpResponseMessage, CancellationToken, Task<TResult>> read,
        CancellationToken cancellationToken,
        HttpContent? body = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        var queryId = Guid.NewGuid().ToString("N");
        using var request = BuildRequest(sql, useDatabase, queryId, deadline, insertTable, body);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var error = await ReadTextAsync(response, timeout.Token).ConfigureAwait(false);
                throw ClickHouseException.FromResponse(error, (int)response.StatusCode);
            }

            return await read(response, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            KillInBackground(queryId);
            throw new TimeoutException($"ClickHouse did not answer within {deadline}.");
        }
    }

    private HttpRequestMessage BuildRequest(
        string? sql, bool useDatabase, string queryId, TimeSpan deadline, string? insertTable, HttpContent? body = null)
    {
        var query = new StringBuilder("?query_id=").Append(queryId);
        if (useDatabase)
        {
            query.Append("&database=").Append(Uri.EscapeDataString(_options.Database));
        }

        if (_options.SessionId is { } session)
        {
            query.Append("&session_id=").Append(session).Append("&session_timeout=60");
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(deadline.TotalSeconds));
        query.Append("&max_execution_time=").Append(seconds);
        query.Append("&enable_http_compression=1");
        if (insertTable is null && _options.MaxQueryMemoryBytes > 0)
        {
            query.Append("&max_memory_usage=").Append(_options.MaxQueryMemoryBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (_options.IsCluster)
        {
            // Cluster mode (docs/adr/0006-cluster-sharding.md): a subquery over a Distributed table inside a
            // query over another runs once on this node and its result is sent to the shards (GLOBAL),
            // never per shard against partial data; an INSERT is acknowledged only once every shard
            // stored its rows; ON CLUSTER DDL reports within the query's own deadline.
            query.Append("&distributed_product_mode=global&insert_distributed_sync=1");
            query.Append("&distributed_ddl_task_timeout=").Append(seconds);
        }

        if (insertTable is not null)
        {
            // TRICKY: both settings are explicit because their defaults differ between 18.16 and current releases.
            query.Append("&input_format_skip_unknown_fields=1&date_time_input_format=best_effort");
            query.Append("&query=").Append(Uri.EscapeDataString($"INSERT INTO {insertTable} FORMAT JSONEachRow"));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri, query.ToString()));
        request.Headers.Authorization = _auth;
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        if (body is not null)
        {
            request.Content = body;
        }
        else
        {
            request.Content = new StringContent(sql ?? string.Empty, Encoding.UTF8, "text/plain");
        }

        return request;
    }

    // The handler from CreateHandler() decompresses by itself; any other HttpClient gets the gzip body as is.
    private static async Task<Stream> ReadStreamAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return response.Content.Headers.ContentEncoding.Contains("gzip") ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }

    private static async Task<string> ReadTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(await ReadStreamAsync(response, cancellationToken).ConfigureAwait(false), Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    private static T ParseRow<T>(string line, int status)
    {
        if (line[0] != '{')
        {
            ThrowIfErrorText(line, status);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(line, ClickHouseJson.Options)!;
        }
        catch (JsonException) when (line.Contains("Code: ", StringComparison.Ordinal))
        {
            // The server failed mid-row: the row is cut off and the error text follows it.
            throw ClickHouseException.FromResponse(line[line.IndexOf("Code: ", StringComparison.Ordinal)..], status);
        }
    }

    private static void ThrowIfErrorText(string body, int status)
    {
        if (ClickHouseException.TryParse(body, status, out var error))
        {
            throw error!;
        }
    }

    private void KillInBackground(string queryId)
    {
        // 18.16 does not cancel a query when its HTTP client goes away, so cancel it explicitly.
        _ = Task.Run(async () =>
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var request = BuildRequest(
                    $"KILL QUERY WHERE query_id = {SqlLiteral.String(queryId)} ASYNC", useDatabase: false, Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(5), null);
                using var _ = await _http.SendAsync(request, cts.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                // Best effort: max_execution_time stops the query on the server anyway.
            }
        });
    }

    private Activity? StartActivity(string operation, string sql)
    {
        var activity = ActivitySource.StartActivity("clickhouse " + operation, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("db.system.name", "clickhouse");
            activity.SetTag("db.namespace", _options.Database);
            activity.SetTag("db.operation.name", operation);
            activity.SetTag("db.query.text", sql.Length > 2000 ? sql[..2000] : sql);
        }

        return activity;
    }

    /// <summary>The handler the client expects: pooled connections and transparent gzip responses.</summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AutomaticDecompression = DecompressionMethods.GZip,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxConnectionsPerServer = 64,
    };
}
