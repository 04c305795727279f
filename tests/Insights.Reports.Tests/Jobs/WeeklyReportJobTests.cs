using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Insights.Reports.Jobs;
using Insights.Reports.Weeks;
using Insights.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Reports.Tests.Jobs;

/// <summary>The scheduled report on a real Hangfire server: registered in its time zone, idempotent per week and scope.</summary>
public sealed class WeeklyReportJobTests : IAsyncLifetime
{
    private const string Zone = "Europe/Berlin";
    private InsightsTestServer _server = null!;
    private readonly string _red = TestServices.UniqueName("red");
    private readonly string _blue = TestServices.UniqueName("blue");

    public async Task InitializeAsync()
    {
        _server = await InsightsTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Insights:Role"] = "all",
            ["Reports:TimeZone"] = Zone,
            ["Reports:PerTeam"] = "true",
        });
        var week = IsoWeek.LastFull(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(Zone));
        var at = week.Monday.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
        await _server.PushAsync("services", new[] { new { name = _red + "-api", team = _red }, new { name = _blue + "-api", team = _blue } });
        await _server.PushAsync("deployments", Enumerable.Range(0, 6).Select(i => new
        {
            id = $"{_red}-{i}",
            service = i % 2 == 0 ? _red + "-api" : _blue + "-api",
            environment = "production",
            status = "success",
            finished_at = at.AddHours(i * 20),
        }).ToArray());
        await _server.FlushAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void WeeklyJob_IsRegistered_MondaysAtSevenInTheConfiguredZone()
    {
        using var connection = _server.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs();

        var weekly = Assert.Single(jobs, j => j.Id == ReportJobsRegistrar.WeeklyJobId);
        Assert.Equal("0 7 * * 1", weekly.Cron);
        Assert.Equal(Zone, weekly.TimeZoneId);
        Assert.DoesNotContain(jobs, j => j.Id == ReportJobsRegistrar.DeliveriesJobId);
    }

    [Fact]
    public async Task WeeklyJob_MakesTheLastFullWeeksReports_OnceEachWhenRunAgain()
    {
        var week = IsoWeek.LastFull(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(Zone)).ToString();
        var jobs = _server.Services.GetRequiredService<IRecurringJobManager>();
        var monitoring = _server.Services.GetRequiredService<JobStorage>().GetMonitoringApi();

        jobs.Trigger(ReportJobsRegistrar.WeeklyJobId);
        var first = await WaitAsync(() => ListAsync(week), list => list.GetArrayLength() == 3);
        await WaitAsync(() => Task.FromResult(monitoring.SucceededListCount()), count => count >= 1);
        jobs.Trigger(ReportJobsRegistrar.WeeklyJobId);
        await WaitAsync(() => Task.FromResult(monitoring.SucceededListCount()), count => count >= 2);
        var second = await ListAsync(week);

        Assert.Equal(
            new[] { "organisation:", $"team:{_blue}", $"team:{_red}" }.Order(),
            first.EnumerateArray().Select(r => $"{r.GetProperty("scope").GetString()}:{r.GetProperty("team").GetString()}").Order());
        Assert.All(first.EnumerateArray(), r => Assert.Equal("schedule", r.GetProperty("trigger").GetString()));
        Assert.Equal(Snapshot(first), Snapshot(second));
    }

    private static IEnumerable<string> Snapshot(JsonElement list) =>
        list.EnumerateArray().Select(r => $"{r.GetProperty("id").GetString()} {r.GetProperty("generated_at").GetString()} {r.GetProperty("sha256").GetString()}").Order();

    private Task<JsonElement> ListAsync(string week) => _server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/reports?week={week}");

    private static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var value = await read();
        for (var i = 0; i < 600 && !done(value); i++)
        {
            await Task.Delay(200);
            value = await read();
        }

        Assert.True(done(value), $"Gave up waiting; last seen: {value}");
        return value;
    }
}
