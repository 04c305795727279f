using System.Diagnostics;
using Insights.Warehouse.ClickHouse;

namespace Insights.TestSupport;

/// <summary>A ClickHouse server of a test's own (Debian's clickhouse-server, as ./test.sh installs it) that the test may kill and restart.</summary>
public sealed class ClickHouseProcess : IAsyncDisposable
{
    private readonly string _directory;
    private Process? _process;

    private ClickHouseProcess(string directory, int httpPort)
    {
        _directory = directory;
        HttpPort = httpPort;
    }

    public int HttpPort { get; }

    public string Url => $"http://127.0.0.1:{HttpPort}";

    public static async Task<ClickHouseProcess> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "insights-clickhouse-" + Guid.NewGuid().ToString("N")[..8]);
        var server = new ClickHouseProcess(directory, LocalProcess.FreePort());
        Directory.CreateDirectory(Path.Combine(directory, "data"));
        Directory.CreateDirectory(Path.Combine(directory, "tmp"));
        Directory.CreateDirectory(Path.Combine(directory, "log"));
        await File.WriteAllTextAsync(Path.Combine(directory, "config.xml"), $"""
            <?xml version="1.0"?>
            <yandex>
              <logger><level>warning</level><log>{directory}/log/server.log</log><errorlog>{directory}/log/error.log</errorlog></logger>
              <http_port>{server.HttpPort}</http_port>
              <tcp_port>{LocalProcess.FreePort()}</tcp_port>
              <listen_host>127.0.0.1</listen_host>
              <path>{directory}/data/</path>
              <tmp_path>{directory}/tmp/</tmp_path>
              <format_schema_path>{directory}/format_schemas/</format_schema_path>
              <users_config>{directory}/users.xml</users_config>
              <default_profile>default</default_profile>
              <default_database>default</default_database>
              <mark_cache_size>268435456</mark_cache_size>
              <timezone>UTC</timezone>
            </yandex>
            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "users.xml"), """
            <?xml version="1.0"?>
            <yandex>
              <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
              <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
              <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
            </yandex>
            """);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) on the same data.</summary>
    public async Task StartAgainAsync()
    {
        var info = new ProcessStartInfo("clickhouse-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _directory };
        info.ArgumentList.Add($"--config-file={_directory}/config.xml");
        _process = Process.Start(info) ?? throw new InvalidOperationException("clickhouse-server did not start; run ./test.sh, which installs it.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var client = Client("default");
        await LocalProcess.WaitUntilAsync(() => client.PingAsync(), TimeSpan.FromSeconds(60), $"ClickHouse on port {HttpPort}");
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public ClickHouseClient Client(string database) => new(new HttpClient(), new ClickHouseOptions { Url = Url, Database = database, QueryTimeout = TimeSpan.FromSeconds(30) });

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
