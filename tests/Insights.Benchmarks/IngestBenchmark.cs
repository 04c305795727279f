using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Insights.Domain.Demo;
using Insights.Domain.Events;
using Insights.Domain.Json;
using Insights.Warehouse.ClickHouse;

namespace Insights.Benchmarks;

/// <summary>
/// Pushes 1,000,000 deployments through the HTTP API (10,000 per request, several clients at once)
/// into a Release server process, and prints accepted events per second, the time until all of them
/// are in ClickHouse, and the server's peak resident memory.
/// </summary>
public static class IngestBenchmark
{
    /// <param name="cluster">Also on the local cluster, the same bodies right after: both runs' figures side by side.</param>
    public static async Task<int> RunAsync(BenchEnvironment env, int total, int clients, bool cluster)
    {
        const int perRequest = 10_000;
        Console.WriteLine($"Generating {total:N0} deployments…");
        var bodies = GenerateBodies(total, perRequest);
        var bytes = bodies.Sum(b => (long)b.Length);
        Console.WriteLine($"{bodies.Count} requests, {bytes / (1024.0 * 1024):N0} MiB of JSON");
        var runs = new List<(string, BenchFigures)>();
        var failed = 0;
        foreach (var target in cluster ? [env, env.OnCluster()] : new[] { env })
        {
            var (figures, failures) = await RunOnceAsync(target, bodies, total, clients, perRequest);
            runs.Add((target.Label, figures));
            failed += failures;
        }

        if (runs.Count > 1)
        {
            BenchFigures.PrintSideBySide(runs);
        }

        return failed == 0 ? 0 : 1;
    }

    private static async Task<(BenchFigures Figures, int Failures)> RunOnceAsync(BenchEnvironment env, List<byte[]> bodies, int total, int clients, int perRequest)
    {
        var database = "bench_ingest_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        await using var server = await ServerProcess.StartAsync(env, database);
        var clickHouse = env.Warehouse(database);
        var rssAtStart = server.RssBytes();

        var latencies = new List<double>();
        var next = -1;
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < bodies.Count)
            {
                var started = Stopwatch.GetTimestamp();
                using var content = new ByteArrayContent(bodies[index]);
                content.Headers.ContentType = new("application/json");
                using var response = await server.Client.PostAsync("/api/v1/deployments", content);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (latencies)
                {
                    latencies.Add(elapsed);
                }

                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref failures);
                    Console.Error.WriteLine($"Request {index}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
        var accepted = clock.Elapsed;

        ulong stored;
        while ((stored = await clickHouse.QueryScalarAsync<ulong>("SELECT count() FROM deployments")) < (ulong)total)
        {
            await Task.Delay(100);
        }

        var inWarehouse = clock.Elapsed;
        var figures = new BenchFigures($"Ingest benchmark — {total:N0} deployments, {clients} concurrent clients, {perRequest:N0} per request");
        figures.Add("accepted (202), events/s", $"{total / accepted.TotalSeconds:N0}");
        figures.Add("in ClickHouse, events/s", $"{total / inWarehouse.TotalSeconds:N0}");
        figures.Add("request p50 / p99, ms", $"{LatencyStats.Percentile(latencies, 0.5):N0} / {LatencyStats.Percentile(latencies, 0.99):N0}");
        figures.Add("server peak RSS, MiB", $"{server.PeakRssBytes() / (1024.0 * 1024):N0}");
        Console.WriteLine();
        Console.WriteLine($"Ingest benchmark ({env.Label}) — {total:N0} deployments, {clients} concurrent clients, {perRequest:N0} per request");
        Console.WriteLine($"  accepted (202) in        {accepted.TotalSeconds,8:N2} s  → {total / accepted.TotalSeconds,10:N0} events/s");
        Console.WriteLine($"  all in ClickHouse after  {inWarehouse.TotalSeconds,8:N2} s  → {total / inWarehouse.TotalSeconds,10:N0} events/s");
        Console.WriteLine($"  request latency          p50 {LatencyStats.Percentile(latencies, 0.5),6:N0} ms   p99 {LatencyStats.Percentile(latencies, 0.99),6:N0} ms");
        Console.WriteLine($"  server RSS               at start {rssAtStart / (1024.0 * 1024),6:N0} MiB   peak {server.PeakRssBytes() / (1024.0 * 1024),6:N0} MiB");
        Console.WriteLine($"  rows in ClickHouse       {stored:N0}; non-202 answers: {failures}");
        await env.DropAsync(database);
        return (figures, failures);
    }

    private static List<byte[]> GenerateBodies(int total, int perRequest)
    {
        var end = DateOnly.FromDateTime(DateTime.UtcNow);
        var deployments = new List<Deployment>(total);
        var copy = 0;
        while (deployments.Count < total)
        {
            // Fresh seeds give new ids: each round is another slice of a large organisation.
            var organisation = new DemoOrganisation(end, days: 365, scale: 20, seed: 1_000UL + (ulong)copy++);
            foreach (var batch in organisation.Generate())
            {
                deployments.AddRange(batch.Deployments.Select(d => d with { Id = $"{copy}-{d.Id}" }));
                if (deployments.Count >= total)
                {
                    break;
                }
            }
        }

        return deployments.Take(total).Chunk(perRequest).Select(chunk => JsonSerializer.SerializeToUtf8Bytes(chunk, ApiJson.Options)).ToList();
    }
}
