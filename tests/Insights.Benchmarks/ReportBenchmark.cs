using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Insights.Domain.Demo;
using Insights.Warehouse.ClickHouse;

namespace Insights.Benchmarks;

/// <summary>
/// The weekly run for an organisation of 50 teams (the demo organisation ×10, 13 weeks): the
/// organisation's report (its team table has 50 rows) and one report per team, made through
/// <c>POST /api/v1/reports</c> with <c>per_team</c> — what the scheduled job does. Prints the time of
/// each run (target: the 51 reports in under 5 s) and of the organisation's report alone.
/// </summary>
public static class ReportBenchmark
{
    public static async Task<int> RunAsync(BenchEnvironment env, int scale, int repetitions, string? keep)
    {
        var database = keep ?? "bench_report_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var config = Path.Combine(env.DataDir, "bench-report.yaml");
        await File.WriteAllTextAsync(config, "metrics:\n  golden_path_pipelines: [\"golden-path/*\"]\n");
        await using var server = await ServerProcess.StartAsync(env, database, new Dictionary<string, string> { ["INSIGHTS_CONFIG"] = config }, reuseDatabase: keep is not null);
        var clickHouse = new ClickHouseClient(new HttpClient(), new ClickHouseOptions { Url = env.ClickHouseUrl, Database = database, QueryTimeout = TimeSpan.FromMinutes(5) });
        if (await clickHouse.QueryScalarAsync<ulong>("SELECT count() FROM deployments") == 0)
        {
            await DemoPush.LoadAsync(server, new DemoOrganisation(DateOnly.FromDateTime(DateTime.UtcNow), days: 91, scale: scale));
        }

        // A whole weekly run can take longer than the server client's 5-minute timeout on a busy machine.
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerProcess.AdminKey);
        var teams = await client.GetFromJsonAsync<JsonElement>("/api/v1/teams");
        var deployments = await clickHouse.QueryScalarAsync<ulong>("SELECT count() FROM deployments");
        Console.WriteLine($"Warehouse: {teams.GetArrayLength()} teams, {deployments:N0} deployments over 13 weeks");

        // Warm-up (JIT, fonts, ScottPlot) on another week, not timed.
        await MakeAsync(client, new { week = Week(-2) });

        Console.WriteLine();
        Console.WriteLine($"{"run",-4} {"reports",8} {"all (org + teams)",18} {"org only",10} {"MB",6}");
        var all = new List<double>();
        var organisation = new List<double>();
        for (var run = 1; run <= repetitions; run++)
        {
            var (set, setSeconds) = await MakeAsync(client, new { week = Week(-1), per_team = true });
            var (_, orgSeconds) = await MakeAsync(client, new { week = Week(-1) });
            all.Add(setSeconds);
            organisation.Add(orgSeconds);
            var bytes = set.GetProperty("reports").EnumerateArray().Sum(r => r.GetProperty("size_bytes").GetInt64());
            Console.WriteLine($"{run,-4} {set.GetProperty("reports").GetArrayLength(),8} {setSeconds,16:N1} s {orgSeconds,8:N1} s {bytes / 1048576.0,6:N1}");
        }

        Console.WriteLine();
        Console.WriteLine($"Median: {LatencyStats.Percentile(all, 0.5):N1} s for the organisation's report and {teams.GetArrayLength()} team reports (target < 5 s); " +
            $"{LatencyStats.Percentile(organisation, 0.5):N1} s for the organisation's alone.");

        // The platform-adoption dashboard's impact panel on the same organisation: every adopted team's
        // four keys before and after its adoption day.
        var adopted = teams.EnumerateArray().Count(t => t.GetProperty("adopted_on").ValueKind == JsonValueKind.String);
        var days = teams.EnumerateArray().Select(t => t.GetProperty("adopted_on").ToString()).Where(d => d.Length > 0).Distinct().Count();
        var impact = new List<double>();
        for (var run = 0; run <= repetitions; run++)
        {
            var seconds = await ImpactTableAsync(client);
            if (run > 0)
            {
                impact.Add(seconds);
            }
        }

        Console.WriteLine($"Grafana impact table (every adopted team: {adopted} teams, {days} adoption days): median {LatencyStats.Percentile(impact, 0.5):N1} s " +
            $"(runs: {string.Join(", ", impact.Select(s => s.ToString("N1", CultureInfo.InvariantCulture)))} s, after a warm-up).");
        Console.WriteLine($"Database kept as {database}; rerun with --keep {database}.");
        return 0;
    }

    private static async Task<double> ImpactTableAsync(HttpClient client)
    {
        var to = DateTime.UtcNow.Date;
        var body = new
        {
            range = new { from = to.AddDays(-84).ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture), to = to.ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture) },
            targets = new object[] { new { refId = "A", target = "impact", payload = new { weeks = 12 } } },
        };
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsJsonAsync("/grafana/query", body);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /grafana/query (impact): {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return seconds;
    }

    /// <summary>The ISO week <paramref name="offset"/> weeks from the current one, e.g. -1 = the last full week.</summary>
    private static string Week(int offset)
    {
        var day = DateTime.UtcNow.Date.AddDays(7 * offset);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(day):D4}-W{ISOWeek.GetWeekOfYear(day):D2}");
    }

    private static async Task<(JsonElement Body, double Seconds)> MakeAsync(HttpClient client, object body)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsJsonAsync("/api/v1/reports", body);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            throw new InvalidOperationException($"POST /api/v1/reports: {(int)response.StatusCode} {json}");
        }

        return (json, seconds);
    }
}
