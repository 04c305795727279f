using System.Diagnostics;
using Insights.TestSupport;
using Npgsql;

namespace Insights.Server.Tests.Hosting;

/// <summary>
/// services.sh (run.sh, test.sh and bench.sh start their databases with it) refuses a database answering
/// on its port that belongs to another data folder, naming the variable that moves it, instead of silently
/// reading and writing someone else's data. The servers refused here are real: the test run's own
/// ClickHouse and PostgreSQL, which belong to another folder than the one the script is asked to use.
/// </summary>
public sealed class ServicesScriptTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "insights-services-" + Guid.NewGuid().ToString("N"));

    public ServicesScriptTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ClickHouseOfAnotherFolder_OnTheScriptsPort_IsRefused_NamingTheVariable()
    {
        var port = new Uri(TestServices.ClickHouseUrl).Port;
        var data = Path.Combine(_folder, "clickhouse");

        var (exit, output) = await RunAsync($"insights_start_clickhouse {Quote(data)} {port} {port + 1} INSIGHTS_SOME_CLICKHOUSE_PORT");

        Assert.NotEqual(0, exit);
        Assert.Contains($"a ClickHouse that is not the one of {data} answers on port {port}", output);
        Assert.Contains("choose free ports with INSIGHTS_SOME_CLICKHOUSE_PORT", output);
        // Nothing was started or written for it.
        Assert.False(File.Exists(Path.Combine(data, "config.xml")));
        Assert.False(File.Exists(Path.Combine(data, "clickhouse.pid")));
    }

    [Fact]
    public async Task ClickHouseOfThisFolder_AskedOnAnotherPort_IsRefused_AndKeepsRunning()
    {
        var data = Path.Combine(_folder, "clickhouse");
        var (port, other) = (FreePort(), FreePort());
        var (started, startOutput) = await RunAsync($"insights_start_clickhouse {Quote(data)} {port} {FreePort()}");
        Assert.True(started == 0, startOutput);
        var pid = await File.ReadAllTextAsync(Path.Combine(data, "clickhouse.pid"));
        try
        {

            var (exit, output) = await RunAsync($"insights_start_clickhouse {Quote(data)} {other} {FreePort()} INSIGHTS_SOME_CLICKHOUSE_PORT");

            Assert.NotEqual(0, exit);
            Assert.Contains($"the ClickHouse of {data} already runs (pid {pid.Trim()}) on another port ({port})", output);
            // The running server is untouched: same pid file, same port in its config, and it still answers.
            Assert.Equal(pid, await File.ReadAllTextAsync(Path.Combine(data, "clickhouse.pid")));
            Assert.Contains($"<http_port>{port}</http_port>", await File.ReadAllTextAsync(Path.Combine(data, "config.xml")));
            using var http = new HttpClient();
            Assert.Equal("Ok.\n", await http.GetStringAsync($"http://127.0.0.1:{port}/ping"));
        }
        finally
        {
            // Stopped and gone before Dispose deletes its folder.
            await RunAsync($"insights_stop_clickhouse {Quote(data)}");
            for (var waited = 0; Directory.Exists($"/proc/{pid.Trim()}") && waited < 300; waited++)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task PostgreSqlOfAnotherFolder_OnTheScriptsPort_IsRefused_NamingTheVariable()
    {
        var port = new NpgsqlConnectionStringBuilder(TestServices.PostgresAdmin).Port;
        var data = Path.Combine(_folder, "postgres");

        var (exit, output) = await RunAsync($"insights_start_postgres {Quote(data)} {port} INSIGHTS_SOME_POSTGRES_PORT");

        Assert.NotEqual(0, exit);
        Assert.Contains($"a PostgreSQL that is not the one of", output);
        Assert.Contains($"answers on port {port}", output);
        Assert.Contains("choose a free port with INSIGHTS_SOME_POSTGRES_PORT", output);
        Assert.False(Directory.Exists(Path.Combine(data, "cluster", "data")));
    }

    /// <summary>Runs <paramref name="command"/> in bash after sourcing the repository's services.sh; stdout and stderr together.</summary>
    private static async Task<(int Exit, string Output)> RunAsync(string command)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryRoot() };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("source ./services.sh && " + command);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "services.sh")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("services.sh not found above " + AppContext.BaseDirectory);
    }
}
