using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Insights.Domain.Json;
using Insights.Domain.Metrics;

namespace Insights.Benchmarks;

/// <summary>
/// A bounded load on loopback: N clients, each with its own API key, alternately push a batch of
/// deployments and read a metric, for a fixed time, against a server holding the demo organisation.
/// Prints throughput, p50/p99 latency per operation, and every answer that was not 2xx (429s — the
/// rate limiter doing its job — are counted apart; anything else fails the run). Meanwhile a probe
/// measures freshness: it pushes one deployment of its own service and asks deployment frequency until the
/// answer counts it, again and again — the time from the push's 202 to the first answer that shows it.
/// </summary>
public static class LoadBenchmark
{
    public static async Task<int> RunAsync(BenchEnvironment env, int clients, int seconds, int batch)
    {
        var database = "bench_load_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var config = Path.Combine(env.DataDir, "bench-insights.yaml");
        await File.WriteAllTextAsync(config, "metrics:\n  golden_path_pipelines: [\"golden-path/*\"]\n");
        await using var server = await ServerProcess.StartAsync(env, database, new Dictionary<string, string> { ["INSIGHTS_CONFIG"] = config, ["Demo__Load"] = "true" });
        var keys = new List<string>();
        for (var i = 0; i < clients; i++)
        {
            var created = await server.Client.PostAsJsonAsync("/api/v1/keys", new { name = $"load-{i}", scopes = new[] { "ingest", "read" } });
            keys.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!);
        }

        var metrics = MetricCatalog.All.Where(m => m.Name != "nps").Select(m => m.Name).ToArray();
        var latencies = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        var statuses = new ConcurrentDictionary<string, int>();
        long events = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"Load: {clients} clients for {seconds} s against {server.Address} (batches of {batch})…");
        var freshness = Task.Run(() => ProbeFreshnessAsync(server, stop.Token));
        await Task.WhenAll(keys.Select((key, client) => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                string operation;
                HttpResponseMessage response;
                var started = Stopwatch.GetTimestamp();
                if (round % 2 == 0)
                {
                    operation = "push";
                    var items = Enumerable.Range(0, batch).Select(i => new
                    {
                        id = $"load-{client}-{round}-{i}",
                        service = $"load-service-{client % 4}",
                        environment = "production",
                        status = "success",
                        finished_at = DateTime.UtcNow.AddMinutes(-i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                    });
                    response = await http.PostAsJsonAsync("/api/v1/deployments", items, ApiJson.Options);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        Interlocked.Add(ref events, batch);
                    }
                }
                else
                {
                    operation = "metric";
                    response = await http.GetAsync($"/api/v1/metrics/{metrics[round / 2 % metrics.Length]}");
                }

                latencies.GetOrAdd(operation, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                statuses.AddOrUpdate($"{operation} {(int)response.StatusCode}", 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.TooManyRequests && response.Headers.RetryAfter?.Delta is { } wait)
                {
                    await Task.Delay(wait);
                }

                response.Dispose();
            }
        })));

        var (fresh, fromKeptRows) = await freshness;
        var elapsed = clock.Elapsed.TotalSeconds;
        var requests = statuses.Values.Sum();
        Console.WriteLine();
        Console.WriteLine($"Load benchmark — {clients} clients, {elapsed:N0} s, loopback");
        Console.WriteLine($"  requests          {requests:N0}  ({requests / elapsed:N0}/s)");
        Console.WriteLine($"  events accepted   {events:N0}  ({events / elapsed:N0}/s)");
        foreach (var (operation, values) in latencies.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            var list = values.ToList();
            Console.WriteLine($"  {operation,-8} latency  p50 {LatencyStats.Percentile(list, 0.5),6:N0} ms   p99 {LatencyStats.Percentile(list, 0.99),6:N0} ms   ({list.Count:N0} requests)");
        }

        Console.WriteLine($"  freshness         p50 {LatencyStats.Percentile(fresh, 0.5),6:N0} ms   p95 {LatencyStats.Percentile(fresh, 0.95),6:N0} ms   ({fresh.Count:N0} probes; target p95 ≤ 5,000 ms; {fromKeptRows:N0} of the probe's answers from kept rows)");
        Console.WriteLine($"  server peak RSS   {server.PeakRssBytes() / (1024.0 * 1024):N0} MiB");
        var unexpected = statuses.Where(s => !s.Key.EndsWith(" 200", StringComparison.Ordinal) && !s.Key.EndsWith(" 202", StringComparison.Ordinal) && !s.Key.EndsWith(" 429", StringComparison.Ordinal)).ToList();
        var limited = statuses.Where(s => s.Key.EndsWith(" 429", StringComparison.Ordinal)).Sum(s => s.Value);
        Console.WriteLine($"  answers           {string.Join(", ", statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {s.Value:N0}"))}");
        Console.WriteLine($"  non-2xx           {limited:N0} deliberate 429s, {unexpected.Sum(s => s.Value):N0} others");
        return unexpected.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// Pushes one deployment of a service of its own and asks deployment frequency for that service until its
    /// count includes it; returns the time each push took to show, and how many answers came from kept rows.
    /// </summary>
    private static async Task<(List<double> Latencies, int FromKeptRows)> ProbeFreshnessAsync(ServerProcess server, CancellationToken stop)
    {
        var latencies = new List<double>();
        var fromKeptRows = 0;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var path = $"/api/v1/metrics/deployment-frequency?service=freshness-probe&from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        for (var pushed = 1; !stop.IsCancellationRequested; pushed++)
        {
            var deployment = new[]
            {
                new
                {
                    id = $"freshness-probe-{pushed}",
                    service = "freshness-probe",
                    environment = "production",
                    status = "success",
                    finished_at = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                },
            };
            using (var accepted = await server.Client.PostAsJsonAsync("/api/v1/deployments", deployment, ApiJson.Options, CancellationToken.None))
            {
                if (accepted.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException($"The freshness probe's push answered {(int)accepted.StatusCode}.");
                }
            }

            var started = Stopwatch.GetTimestamp();
            while (!stop.IsCancellationRequested)
            {
                using var response = await server.Client.GetAsync(path, CancellationToken.None);
                if (response.Headers.TryGetValues("Insights-Answered-From", out var from) && from.Single() == "kept-rows")
                {
                    fromKeptRows++;
                }

                if (response.StatusCode == HttpStatusCode.OK
                    && (await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).GetProperty("summary").GetProperty("n").GetInt64() >= pushed)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    break;
                }

                await Task.Delay(250, CancellationToken.None);
            }

            await Task.Delay(1_000, CancellationToken.None);
        }

        return (latencies, fromKeptRows);
    }
}
