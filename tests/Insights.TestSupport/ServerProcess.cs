using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Insights.Server;

namespace Insights.TestSupport;

/// <summary>The real server as a child process (the very build the tests reference), for tests that must kill -9 it.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output;

    private ServerProcess(Process process, Uri address, List<string> output)
    {
        _process = process;
        _output = output;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", InsightsTestServer.AdminKey);
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>Every line the process wrote to stdout and stderr so far.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    /// <param name="startTimeout">How long it may take to answer /healthz (a demo load happens before).</param>
    public static async Task<ServerProcess> StartAsync(IDictionary<string, string> environment, TimeSpan? startTimeout = null)
    {
        var port = LocalProcess.FreePort();
        var dll = typeof(InsightsApp).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        info.Environment["INSIGHTS_ADMIN_KEY"] = InsightsTestServer.AdminKey;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Insights__Role"] = "api";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        var output = new List<string>();
        DataReceivedEventHandler keep = (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (output)
                {
                    output.Add(line.Data);
                }
            }
        };
        process.OutputDataReceived += keep;
        process.ErrorDataReceived += keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}/"), output);
        await LocalProcess.WaitUntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode}.");
            }

            using var ready = await server.Client.GetAsync("/healthz");
            return ready.IsSuccessStatusCode;
        }, startTimeout ?? TimeSpan.FromSeconds(60), "the server");
        return server;
    }

    /// <summary>SIGKILL: no graceful stop, no flush, nothing but what is on disk survives.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Waits until everything the server acknowledged is in ClickHouse.</summary>
    public Task WaitForEmptySpoolAsync(TimeSpan timeout) => LocalProcess.WaitUntilAsync(async () =>
    {
        using var ready = await Client.GetAsync("/readyz");
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("spool_pending_bytes").GetInt64() == 0;
    }, timeout, "an empty spool");

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Client.Dispose();
        _process.Dispose();
    }
}
