using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Insights.Domain.Demo;
using Insights.Domain.Metrics;
using Insights.Warehouse.ClickHouse;

namespace Insights.Benchmarks;

/// <summary>
/// Builds a large organisation (≈1,000,000 deployments, 2,000,000 pull requests, 20,000+ incidents
/// over a year) through the push API, then times every metric over the last 90 days, for the whole
/// organisation and for one team, through the HTTP API, and every team's figure at once (a Grafana
/// per-team table, one question for all teams). Prints p50 and p95 per metric.
/// </summary>
public static class MetricsBenchmark
{
    public static async Task<int> RunAsync(BenchEnvironment env, int scale, int repetitions, string? keep)
    {
        var database = keep ?? "bench_metrics_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var config = Path.Combine(env.DataDir, "bench-insights.yaml");
        await File.WriteAllTextAsync(config, "metrics:\n  golden_path_pipelines: [\"golden-path/*\"]\n");
        await using var server = await ServerProcess.StartAsync(env, database, new Dictionary<string, string> { ["INSIGHTS_CONFIG"] = config }, reuseDatabase: keep is not null);
        var clickHouse = new ClickHouseClient(new HttpClient(), new ClickHouseOptions { Url = env.ClickHouseUrl, Database = database, QueryTimeout = TimeSpan.FromMinutes(5) });

        if (await clickHouse.QueryScalarAsync<ulong>("SELECT count() FROM deployments") == 0)
        {
            await LoadAsync(server, scale);
        }

        var counts = await clickHouse.QueryAsync<Dictionary<string, JsonElement>>(
            "SELECT (SELECT count() FROM deployments) AS deployments, (SELECT count() FROM pull_requests) AS pull_requests, (SELECT count() FROM incidents) AS incidents, (SELECT uniqExact(team) FROM services) AS teams");
        Console.WriteLine($"Warehouse: {counts[0]["deployments"]} deployments, {counts[0]["pull_requests"]} pull requests, {counts[0]["incidents"]} incidents, {counts[0]["teams"]} teams");
        await clickHouse.ExecuteAsync("OPTIMIZE TABLE deployments FINAL");

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var range = $"from={today.AddDays(-89):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        Console.WriteLine();
        Console.WriteLine($"Metric latency over 90 days ({repetitions} runs each, after one warm-up), through GET /api/v1/metrics/{{metric}}");
        Console.WriteLine($"{"metric",-24} {"org p50",9} {"org p95",9} {"team p50",9} {"team p95",9} {"all teams p50",14}");
        var worst = 0.0;
        foreach (var metric in MetricCatalog.All.Where(m => m.Items.Available))
        {
            var org = await TimeAsync(server, $"/api/v1/metrics/{metric.Name}?{range}", repetitions);
            var team = await TimeAsync(server, $"/api/v1/metrics/{metric.Name}?{range}&team={Team}", repetitions);
            var allTeams = await TimeAsync(server, PerTeamTable(today, new { refId = "A", target = metric.Name, payload = new { format = "by_team" } }), Math.Min(repetitions, 3));
            worst = Math.Max(worst, Math.Max(LatencyStats.Percentile(org, 0.95), LatencyStats.Percentile(team, 0.95)));
            Console.WriteLine($"{metric.Name,-24} {LatencyStats.Percentile(org, 0.5),7:N0}ms {LatencyStats.Percentile(org, 0.95),7:N0}ms {LatencyStats.Percentile(team, 0.5),7:N0}ms {LatencyStats.Percentile(team, 0.95),7:N0}ms {LatencyStats.Percentile(allTeams, 0.5),12:N0}ms");
        }

        var dora = await TimeAsync(server, $"/api/v1/dora?{range}", repetitions);
        var doraByTeam = await TimeAsync(server, PerTeamTable(today, new { refId = "A", target = "dora-by-team" }), Math.Min(repetitions, 3));
        Console.WriteLine($"{"dora (four keys)",-24} {LatencyStats.Percentile(dora, 0.5),7:N0}ms {LatencyStats.Percentile(dora, 0.95),7:N0}ms {"",9} {"",9} {LatencyStats.Percentile(doraByTeam, 0.5),12:N0}ms");
        Console.WriteLine();
        Console.WriteLine($"Slowest p95 of a single metric: {worst:N0} ms (target < 200 ms).");

        await ItemsAsync(server, range, repetitions);
        Console.WriteLine();
        Console.WriteLine($"Database kept as {database}; rerun with --keep {database}.");
        return 0;
    }

    /// <summary>
    /// The rows behind each metric (GET /api/v1/metrics/{metric}/items): the first page (100 rows) for the
    /// organisation and for one team, then the CSV export of lead time's rows — a team's and the
    /// organisation's — streamed: rows, time to the first byte and to the last, rows per second after the
    /// first byte, and the server's resident memory sampled while it streams.
    /// </summary>
    private static async Task ItemsAsync(ServerProcess server, string range, int repetitions)
    {
        Console.WriteLine();
        Console.WriteLine($"Items over 90 days, first page of 100 ({repetitions} runs each, after one warm-up), through GET /api/v1/metrics/{{metric}}/items");
        Console.WriteLine($"{"metric",-24} {"org p50",9} {"org p95",9} {"team p50",9} {"team p95",9}");
        foreach (var metric in MetricCatalog.All.Where(m => m.Items.Available))
        {
            var org = await TimeAsync(server, $"/api/v1/metrics/{metric.Name}/items?{range}", repetitions);
            var team = await TimeAsync(server, $"/api/v1/metrics/{metric.Name}/items?{range}&team={Team}", repetitions);
            Console.WriteLine($"{metric.Name,-24} {LatencyStats.Percentile(org, 0.5),7:N0}ms {LatencyStats.Percentile(org, 0.95),7:N0}ms {LatencyStats.Percentile(team, 0.5),7:N0}ms {LatencyStats.Percentile(team, 0.95),7:N0}ms");
        }

        Console.WriteLine();
        Console.WriteLine("CSV export of lead time's items (GET /api/v1/metrics/lead-time/items.csv), streamed");
        foreach (var (label, path) in new[] { ("one team", $"/api/v1/metrics/lead-time/items.csv?{range}&team={Team}"), ("organisation", $"/api/v1/metrics/lead-time/items.csv?{range}") })
        {
            await StreamAsync(server, path); // warm-up
            var (rows, firstByte, total, rssBefore, rssMax) = await StreamAsync(server, path);
            var streaming = (total - firstByte) / 1000;
            Console.WriteLine($"{label,-13} {rows,9:N0} rows  first byte {firstByte,7:N0} ms  last {total,7:N0} ms  " +
                $"{(streaming > 0 ? rows / streaming : double.NaN),9:N0} rows/s after the first byte ({rows / (total / 1000),7:N0} overall)  " +
                $"server RSS {rssBefore / 1048576.0,5:N0} MiB before, at most {rssMax / 1048576.0,5:N0} MiB while streaming");
        }
    }

    private const string Team = "payments-7";

    private static async Task<(long Rows, double FirstByteMs, double TotalMs, long RssBefore, long RssMax)> StreamAsync(ServerProcess server, string path)
    {
        var rssBefore = server.RssBytes();
        var rssMax = rssBefore;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                rssMax = Math.Max(rssMax, server.RssBytes());
                await Task.Delay(50).ConfigureAwait(false);
            }
        });
        var started = Stopwatch.GetTimestamp();
        using var response = await server.Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        double? firstByte = null;
        long lines = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            firstByte ??= Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await sampling.CancelAsync();
        await sampler;
        return (Math.Max(0, lines - 1), firstByte ?? total, total, rssBefore, rssMax);
    }

    /// <summary>A Grafana table with one row per team (POST /grafana/query) over the same 90 days.</summary>
    private static (string Path, object Body) PerTeamTable(DateOnly today, object target) =>
        ("/grafana/query", new
        {
            range = new { from = $"{today.AddDays(-89):yyyy-MM-dd}T00:00:00Z", to = $"{today.AddDays(1):yyyy-MM-dd}T00:00:00Z" },
            targets = new[] { target },
        });

    private static Task<List<double>> TimeAsync(ServerProcess server, string path, int repetitions) =>
        TimeAsync(server, path, () => server.Client.GetAsync(path), repetitions);

    private static Task<List<double>> TimeAsync(ServerProcess server, (string Path, object Body) post, int repetitions) =>
        TimeAsync(server, post.Path, () => server.Client.PostAsJsonAsync(post.Path, post.Body), repetitions);

    private static async Task<List<double>> TimeAsync(ServerProcess server, string path, Func<Task<HttpResponseMessage>> send, int repetitions)
    {
        var timings = new List<double>();
        for (var i = 0; i <= repetitions; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await send();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            if (i > 0)
            {
                timings.Add(elapsed);
            }
        }

        return timings;
    }

    private static Task LoadAsync(ServerProcess server, int scale) =>
        DemoPush.LoadAsync(server, new DemoOrganisation(DateOnly.FromDateTime(DateTime.UtcNow), days: 365, scale: scale));
}
