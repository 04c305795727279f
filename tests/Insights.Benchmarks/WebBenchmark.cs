using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Insights.Domain.Metrics;

namespace Insights.Benchmarks;

/// <summary>
/// The web app's pages as a signed-in admin's browser asks for them (one after another), on the demo
/// organisation (loaded by the server, as ./run.sh does) or on a database kept by another benchmark
/// (<c>--keep</c>, e.g. the metrics benchmark's 1 M deployments). Prints each page's time to the last byte
/// over loopback, p50 and p95, beside the p95 of the slowest metric the page shows (asked alone through
/// GET /api/v1/metrics/{metric} for the same range): a page asks its metrics in parallel, so it should take
/// little more than its slowest one.
/// </summary>
public static partial class WebBenchmark
{
    /// <summary>Each page, and the metrics it shows over its range.</summary>
    private static readonly (string Page, MetricDefinition[] Metrics)[] Pages =
    [
        ("/", [.. MetricCatalog.All.Where(m => m.Name != "incident-restore-time")]),
        ("/teams/{team}", [.. MetricCatalog.All.Where(m => m.Name != "incident-restore-time")]),
        ("/adoption", [MetricCatalog.AdoptionRate, .. MetricCatalog.FourKeys]),
        ("/onboarding", [MetricCatalog.OnboardingTime]),
        ("/provisioning", [MetricCatalog.ProvisioningTime]),
        ("/nps", [MetricCatalog.Nps]),
        ("/reports", []),
        ("/surveys", []),
        ("/admin", []),
    ];

    public static async Task<int> RunAsync(BenchEnvironment env, int repetitions, string? keep)
    {
        var database = keep ?? "bench_web_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var config = Path.Combine(env.DataDir, "bench-web-insights.yaml");
        await File.WriteAllTextAsync(config, "metrics:\n  golden_path_pipelines: [\"golden-path/*\"]\n");
        var settings = new Dictionary<string, string> { ["INSIGHTS_CONFIG"] = config };
        if (keep is null)
        {
            settings["Demo__Load"] = "true";
        }

        await using var server = await ServerProcess.StartAsync(env, database, settings, reuseDatabase: keep is not null);
        var team = (await server.Client.GetStringAsync("/api/v1/teams")).Split("\"team\":\"", 2)[1].Split('"')[0];
        using var browser = await SignInAsync(server);

        var monday = PeriodCalendar.Monday(DateOnly.FromDateTime(DateTime.UtcNow));
        var range = $"from={monday.AddDays(-84):yyyy-MM-dd}&to={monday:yyyy-MM-dd}";
        Console.WriteLine($"Web pages on {(keep is null ? "the demo organisation" : database)}: the last 12 complete weeks, {repetitions} runs each after one warm-up, signed in as admin.");
        Console.WriteLine($"{"page",-18} {"p50",8} {"p95",8} {"slowest metric p95",20} {"page / metric",14}");
        foreach (var (template, metrics) in Pages)
        {
            var page = template.Replace("{team}", Uri.EscapeDataString(team), StringComparison.Ordinal);
            var timings = await TimeAsync(browser, page, repetitions);
            var slowest = 0.0;
            foreach (var metric in metrics)
            {
                var scope = page.StartsWith("/teams/", StringComparison.Ordinal) ? $"&team={Uri.EscapeDataString(team)}" : "";
                var interval = metric == MetricCatalog.OnboardingTime || metric == MetricCatalog.Nps ? "&interval=month" : "";
                slowest = Math.Max(slowest, LatencyStats.Percentile(await TimeAsync(server.Client, $"/api/v1/metrics/{metric.Name}?{range}{scope}{interval}", repetitions), 0.95));
            }

            var p95 = LatencyStats.Percentile(timings, 0.95);
            Console.WriteLine($"{page,-18} {LatencyStats.Percentile(timings, 0.5),6:N0}ms {p95,6:N0}ms {(metrics.Length == 0 ? "—" : $"{slowest:N0}ms"),20} {(metrics.Length == 0 ? "" : $"{p95 / slowest:N2}×"),14}");
        }

        Console.WriteLine();
        Console.WriteLine($"Database kept as {database}; rerun with --keep {database}.");
        return 0;
    }

    /// <summary>A browser-like client: signs in on /sign-in with the admin key (antiforgery token and all) and keeps the cookies.</summary>
    private static async Task<HttpClient> SignInAsync(ServerProcess server)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var client = new HttpClient(handler) { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
        var form = await client.GetStringAsync("/sign-in");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var signIn = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["key"] = ServerProcess.AdminKey,
            ["__RequestVerificationToken"] = token,
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in answered {(int)signIn.StatusCode}.");
        }

        return client;
    }

    private static async Task<List<double>> TimeAsync(HttpClient client, string path, int repetitions)
    {
        var timings = new List<double>();
        for (var i = 0; i <= repetitions; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
            }

            if (i > 0)
            {
                timings.Add(elapsed);
            }
        }

        return timings;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
