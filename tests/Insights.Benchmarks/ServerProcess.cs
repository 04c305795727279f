using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Npgsql;

namespace Insights.Benchmarks;

/// <summary>The real server as a separate process (Release build), so its memory can be measured on its own.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string AdminKey = "bench-admin-key-0123456789";

    private readonly Process _process;

    private ServerProcess(Process process, Uri address, string database)
    {
        _process = process;
        Address = address;
        Database = database;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    public Uri Address { get; }

    public string Database { get; }

    public HttpClient Client { get; }

    public int Pid => _process.Id;

    public static async Task<ServerProcess> StartAsync(BenchEnvironment env, string database, IDictionary<string, string>? settings = null, bool reuseDatabase = false)
    {
        if (!reuseDatabase)
        {
            await CreatePostgresDatabaseAsync(env.PostgresAdmin, database);
        }

        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [env.ServerDll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var postgres = new NpgsqlConnectionStringBuilder(env.PostgresAdmin) { Database = database };
        info.Environment["ClickHouse__Url"] = env.ClickHouseUrl;
        info.Environment["ClickHouse__Database"] = database;
        info.Environment["ClickHouse__Cluster"] = env.Cluster;
        info.Environment["Postgres__ConnectionString"] = postgres.ConnectionString;
        info.Environment["Spool__Path"] = Path.Combine(env.DataDir, "spool-" + database);
        info.Environment["INSIGHTS_ADMIN_KEY"] = AdminKey;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("[server] " + e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("[server] " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}/"), database);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var ready = await server.Client.GetAsync("/readyz");
                if (ready.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode}.");
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The server did not become ready within 60 s.");
    }

    /// <summary>Waits until everything the server acknowledged is in ClickHouse (its spool is empty).</summary>
    public async Task WaitForEmptySpoolAsync()
    {
        while (true)
        {
            using var ready = await Client.GetAsync("/readyz");
            using var body = System.Text.Json.JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            if (body.RootElement.GetProperty("spool_pending_bytes").GetInt64() == 0)
            {
                return;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Peak resident set size (VmHWM) of the server process, in bytes.</summary>
    public long PeakRssBytes() => ReadStatusKb("VmHWM") * 1024;

    public long RssBytes() => ReadStatusKb("VmRSS") * 1024;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: a graceful stop, as an orchestrator would do it.
            Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                _process.Kill();
            }
        }

        await Task.CompletedTask;
        Client.Dispose();
        _process.Dispose();
    }

    private long ReadStatusKb(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task CreatePostgresDatabaseAsync(string admin, string database)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await command.ExecuteNonQueryAsync();
    }
}
