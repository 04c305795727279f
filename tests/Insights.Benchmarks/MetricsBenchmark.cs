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
    /// <param name="cluster">Also on the local cluster (the same organisation loaded there): both runs' figures side by side.</param>
    public static async Task<int> RunAsync(BenchEnvironment env, int scale, int repetitions, string? keep, bool cluster)
    {
        // The reference path first (every answer computed from the events), then the same questions
        // answered from kept rows (docs/adr/0007-kept-rows.md) on the same database; a cluster keeps no rows.
        var runs = new List<(string, BenchFigures)>();
        runs.Add((env.Label + ", reference path", await RunOnceAsync(env, scale, repetitions, keep, keepRows: false)));
        keep ??= runs[0].Item2.Database;
        runs.Add((env.Label + ", kept rows", await RunOnceAsync(env, scale, repetitions, keep, keepRows: true)));
        if (cluster)
        {
            var target = env.OnCluster();
            runs.Add((target.Label, await RunOnceAsync(target, scale, repetitions, keep, keepRows: false)));
        }

        BenchFigures.PrintSideBySide(runs);

        return 0;
    }

    private static async Task<BenchFigures> RunOnceAsync(BenchEnvironment env, int scale, int repetitions, string? keep, bool keepRows)
    {
        var database = keep ?? "bench_metrics_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var config = Path.Combine(env.DataDir, "bench-insights.yaml");
        await File.WriteAllTextAsync(config, "metrics:\n  golden_path_pipelines: [\"golden-path/*\"]\n");
        var settings = new Dictionary<string, string> { ["INSIGHTS_CONFIG"] = config, ["Metrics__KeepRows"] = keepRows ? "true" : "false" };
        await using var server = await ServerProcess.StartAsync(env, database, settings, reuseDatabase: keep is not null);
        var clickHouse = env.Warehouse(database);
        var loading = Stopwatch.StartNew();

        if (await clickHouse.QueryScalarAsync<ulong>("SELECT count() FROM deployments") == 0)
        {
            await LoadAsync(server, scale);
        }

        var counts = await clickHouse.QueryAsync<Dictionary<string, JsonElement>>(
            "SELECT (SELECT count() FROM deployments) AS deployments, (SELECT count() FROM pull_requests) AS pull_requests, (SELECT count() FROM incidents) AS incidents, (SELECT uniqExact(team) FROM services) AS teams");
        Console.WriteLine($"Warehouse: {counts[0]["deployments"]} deployments, {counts[0]["pull_requests"]} pull requests, {counts[0]["incidents"]} incidents, {counts[0]["teams"]} teams");
        var loaded = loading.Elapsed;
        await clickHouse.ExecuteAsync(env.Cluster.Length == 0
            ? "OPTIMIZE TABLE deployments FINAL"
            : $"OPTIMIZE TABLE deployments_local ON CLUSTER {SqlLiteral.Identifier(env.Cluster)} FINAL");
        var figures = new BenchFigures($"Metric latency over 90 days ({repetitions} runs each): org p50 / p95, team p50 / p95, all teams p50 (ms)") { Database = database };
        figures.Add("load through the API, s", $"{loaded.TotalSeconds:N0}");

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var range = $"from={today.AddDays(-89):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        figures.Add("rows kept in the background, s", keepRows ? $"{await WaitForKeptRowsAsync(server, range, today):N0}" : "—");

        Console.WriteLine();
        Console.WriteLine($"Metric latency over 90 days ({env.Label}; {repetitions} runs each, after one warm-up), through GET /api/v1/metrics/{{metric}}");
        Console.WriteLine($"{"metric",-24} {"org p50",9} {"org p95",9} {"team p50",9} {"team p95",9} {"all teams p50",14}");
        var worst = 0.0;
        foreach (var metric in MetricCatalog.All.Where(m => m.Items.Available))
        {
            var org = await TimeAsync(server, $"/api/v1/metrics/{metric.Name}?{range}", repetitions);
            var team = await TimeAsync(server, $"/api/v1/metrics/{metric.Name}?{range}&team={Team}", repetitions);
            var allTeams = await TimeAsync(server, PerTeamTable(today, new { refId = "A", target = metric.Name, payload = new { format = "by_team" } }), Math.Min(repetitions, 3));
            worst = Math.Max(worst, Math.Max(LatencyStats.Percentile(org, 0.95), LatencyStats.Percentile(team, 0.95)));
            figures.Add(metric.Name, $"{LatencyStats.Percentile(org, 0.5):N0} / {LatencyStats.Percentile(org, 0.95):N0}, {LatencyStats.Percentile(team, 0.5):N0} / {LatencyStats.Percentile(team, 0.95):N0}, {LatencyStats.Percentile(allTeams, 0.5):N0}");
            Console.WriteLine($"{metric.Name,-24} {LatencyStats.Percentile(org, 0.5),7:N0}ms {LatencyStats.Percentile(org, 0.95),7:N0}ms {LatencyStats.Percentile(team, 0.5),7:N0}ms {LatencyStats.Percentile(team, 0.95),7:N0}ms {LatencyStats.Percentile(allTeams, 0.5),12:N0}ms");
        }

        var dora = await TimeAsync(server, $"/api/v1/dora?{range}", repetitions);
        var doraByTeam = await TimeAsync(server, PerTeamTable(today, new { refId = "A", target = "dora-by-team" }), Math.Min(repetitions, 3));
        figures.Add("dora (four keys)", $"{LatencyStats.Percentile(dora, 0.5):N0} / {LatencyStats.Percentile(dora, 0.95):N0}, {LatencyStats.Percentile(doraByTeam, 0.5):N0} (all teams)");
        Console.WriteLine($"{"dora (four keys)",-24} {LatencyStats.Percentile(dora, 0.5),7:N0}ms {LatencyStats.Percentile(dora, 0.95),7:N0}ms {"",9} {"",9} {LatencyStats.Percentile(doraByTeam, 0.5),12:N0}ms");
        Console.WriteLine();
        Console.WriteLine($"Slowest p95 of a single metric: {worst:N0} ms (target < 200 ms).");

        if (!keepRows)
        {
            // Items are read by the reference path either way.
            await ItemsAsync(server, range, repetitions, figures);
        }

        Console.WriteLine();
        Console.WriteLine($"Database kept as {database}; rerun with --keep {database}.");
        return figures;
    }

    /// <summary>
    /// The rows behind each metric (GET /api/v1/metrics/{metric}/items): the first page (100 rows) for the
    /// organisation and for one team, then the CSV export of lead time's rows — a team's and the
    /// organisation's — streamed: rows, time to the first byte and to the last, rows per second after the
    /// first byte, and the server's resident memory sampled while it streams.
    /// </summary>
    private static async Task ItemsAsync(ServerProcess server, string range, int repetitions, BenchFigures figures)
    {
        Console.WriteLine();
        Console.WriteLine($"Items over 90 days, first page of 100 ({repetitions} runs each, after one warm-up), through GET /api/v1/metrics/{{metric}}/items");
        Console.WriteLine($"{"metric",-24} {"org p50",9} {"org p95",9} {"team p50",9} {"team p95",9}");
        foreach (var metric in MetricCatalog.All.Where(m => m.Items.Available))
        {
            var org = await TimeAsync(server, $"/api/v1/metrics/{metric.Name}/items?{range}", repetitions);
            var team = await TimeAsync(server, $"/api/v1/metrics/{metric.Name}/items?{range}&team={Team}", repetitions);
            figures.Add($"{metric.Name} items, first page", $"{LatencyStats.Percentile(org, 0.5):N0} / {LatencyStats.Percentile(org, 0.95):N0}, {LatencyStats.Percentile(team, 0.5):N0} / {LatencyStats.Percentile(team, 0.95):N0}");
            Console.WriteLine($"{metric.Name,-24} {LatencyStats.Percentile(org, 0.5),7:N0}ms {LatencyStats.Percentile(org, 0.95),7:N0}ms {LatencyStats.Percentile(team, 0.5),7:N0}ms {LatencyStats.Percentile(team, 0.95),7:N0}ms");
        }

        Console.WriteLine();
        Console.WriteLine("CSV export of lead time's items (GET /api/v1/metrics/lead-time/items.csv), streamed");
        foreach (var (label, path) in new[] { ("one team", $"/api/v1/metrics/lead-time/items.csv?{range}&team={Team}"), ("organisation", $"/api/v1/metrics/lead-time/items.csv?{range}") })
        {
            await StreamAsync(server, path); // warm-up
            var (rows, firstByte, total, rssBefore, rssMax) = await StreamAsync(server, path);
            var streaming = (total - firstByte) / 1000;
            figures.Add($"lead-time items.csv, {label}: rows/s, max RSS MiB", $"{(streaming > 0 ? rows / streaming : double.NaN):N0}, {rssMax / 1048576.0:N0}");
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

    /// <summary>
    /// Asks each metric once, which enqueues the job that keeps its rows, then waits until every metric that
    /// keeps rows answers from them (the Insights-Answered-From header); returns the seconds that took.
    /// </summary>
    private static async Task<double> WaitForKeptRowsAsync(ServerProcess server, string range, DateOnly today)
    {
        var waiting = Stopwatch.StartNew();
        var from = today.AddDays(-89);
        var pending = MetricCatalog.All
            .Where(m => Insights.Warehouse.Metrics.KeptRows.KeptRowsShape.For(new Insights.Warehouse.Metrics.MetricQuery(m, from, today.AddDays(1)), new MetricsOptions(), DateTime.UtcNow) is not null)
            .Select(m => m.Name)
            .ToHashSet();
        Console.WriteLine($"Keeping the rows of {string.Join(", ", pending)} in the background…");
        while (pending.Count > 0 && waiting.Elapsed < TimeSpan.FromMinutes(15))
        {
            foreach (var metric in pending.ToList())
            {
                using var response = await server.Client.GetAsync($"/api/v1/metrics/{metric}?{range}");
                if (response.Headers.TryGetValues("Insights-Answered-From", out var path) && path.Single() == "kept-rows")
                {
                    Console.WriteLine($"  {metric}: kept after {waiting.Elapsed.TotalSeconds:N0} s");
                    pending.Remove(metric);
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        return pending.Count == 0 ? waiting.Elapsed.TotalSeconds : throw new InvalidOperationException($"Rows never kept for {string.Join(", ", pending)}.");
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
