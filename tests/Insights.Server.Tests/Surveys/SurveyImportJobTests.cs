using Hangfire;
using Hangfire.Storage;
using Insights.Server.Surveys;
using Insights.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Insights.Server.Tests.Surveys;

/// <summary>The recurring import of a survey tool's CSV export, on a real Hangfire server over PostgreSQL.</summary>
public sealed class SurveyImportJobTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "insights-survey-import-" + Guid.NewGuid().ToString("N"));
    private InsightsTestServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _server = await InsightsTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Insights:Role"] = "all",
            ["Surveys:Import:Path"] = _folder,
            ["Surveys:Import:Cron"] = "0 3 * * *",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Import_IsScheduled_AndReimportsNeverDoubleCount()
    {
        var name = TestServices.UniqueName("exported");
        var campaign = await SurveyScenario.CreateCampaignAsync(_server, new { name });
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var rows = string.Join('\n', Enumerable.Range(0, 6).Select(i => $"dev{i}@example.com,{(i < 4 ? 10 : 3)},,{today}T08:00:0{i}Z,payments,{name}"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "export.csv"), "email,score,comment,answered_at,team,campaign\n" + rows + "\n");

        using (var connection = Storage.GetConnection())
        {
            var job = connection.GetRecurringJobs().Single(j => j.Id == SurveyImportJobRegistrar.JobId);
            Assert.Equal("0 3 * * *", job.Cron);
        }

        await RunImportAsync(expectedFiles: 1);
        await RunImportAsync(expectedFiles: 1);

        // 6 answers: P 4, D 2 → 33.33, whether the file was read once or many times.
        var summary = await SurveyScenario.NpsSummaryAsync(_server, campaign);
        Assert.Equal(6, summary.GetProperty("n").GetInt64());
        Assert.Equal(33.33, summary.GetProperty("value").GetDouble());

        // The tool exports again with one more answer and one changed: the file is read again, nothing counts twice.
        var changed = rows.Replace("dev5@example.com,3,,", "dev5@example.com,9,,", StringComparison.Ordinal).Replace($"{today}T08:00:05Z", $"{today}T08:30:00Z", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(_folder, "export.csv"), "email,score,comment,answered_at,team,campaign\n" + changed + $"\nnew@example.com,7,,{today}T09:00:00Z,payments,{name}\n");
        await RunImportAsync(expectedFiles: 2);

        // 7 answers: P 5 (dev5 now 9), passive 1, D 1 → 57.14.
        summary = await SurveyScenario.NpsSummaryAsync(_server, campaign);
        Assert.Equal(7, summary.GetProperty("n").GetInt64());
        Assert.Equal(57.14, summary.GetProperty("value").GetDouble());
    }

    /// <summary>Triggers the recurring job as its cron would, and waits until its import is recorded.</summary>
    private async Task RunImportAsync(int expectedFiles)
    {
        var before = await JobRunsAsync();
        _server.Services.GetRequiredService<IRecurringJobManager>().Trigger(SurveyImportJobRegistrar.JobId);
        for (var i = 0; i < 200 && await JobRunsAsync() == before; i++)
        {
            await Task.Delay(100);
        }

        Assert.True(await JobRunsAsync() > before, "The import job did not run.");
        await using var connection = new NpgsqlConnection(_server.PostgresDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM survey_imports", connection);
        Assert.Equal(expectedFiles, Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
        await _server.FlushAsync();
    }

    // TRICKY: JobStorage.Current is process-wide and test classes run in parallel; use this server's own.
    private JobStorage Storage => _server.Services.GetRequiredService<JobStorage>();

    private Task<long> JobRunsAsync()
    {
        var monitoring = Storage.GetMonitoringApi();
        return Task.FromResult(monitoring.SucceededListCount());
    }
}
