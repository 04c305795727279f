using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Insights.TestSupport;

/// <summary>Helpers for tests that run real service processes of their own (to stop and restart them).</summary>
public static class LocalProcess
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<string> RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }

        return await stdout;
    }

    public static bool IsRoot => Environment.UserName == "root";

    public static async Task WaitUntilAsync(Func<Task<bool>> ready, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await ready())
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException or InvalidOperationException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{what} did not come up within {timeout}.");
    }
}
