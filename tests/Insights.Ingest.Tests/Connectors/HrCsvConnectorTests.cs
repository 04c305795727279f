namespace Insights.Ingest.Tests.Connectors;

public sealed class HrCsvConnectorTests
{
    [Fact]
    public async Task Import_RunsWhenTheFileChanged_Only()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hr-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "id,start_date,team,github_login\nana@x.example,2026-01-05,payments,ana\nbo@x.example,2026-02-02,search,bo\n");
        await using var harness = await ConnectorHarness.StartAsync(_ => new Dictionary<string, string?>
        {
            ["Sources:HrCsv:0:Name"] = "hr",
            ["Sources:HrCsv:0:Path"] = path,
        });

        var first = await harness.SyncAsync("hr");
        var unchanged = await harness.SyncAsync("hr");
        await File.AppendAllTextAsync(path, "cy@x.example,2026-03-02,search,cy\n");
        var changed = await harness.SyncAsync("hr");

        Assert.Equal(2, first.Rows);
        Assert.Equal(0, unchanged.Rows);
        Assert.Equal(3, changed.Rows);
        var engineers = await harness.RowsAsync("engineers");
        Assert.Equal(3, engineers.Count);
        Assert.All(engineers, e => Assert.Equal("hr", e["source"].GetString()));
        File.Delete(path);
    }
}
