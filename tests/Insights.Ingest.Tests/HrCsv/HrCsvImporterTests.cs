using System.Text.Json;
using Insights.Ingest.HrCsv;
using Insights.TestSupport;
using Insights.Warehouse.Intake;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Ingest.Tests.HrCsv;

public sealed class HrCsvImporterTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task ImportAsync_StoresValidRows_ReportsBadOnes_AndNeverDuplicates()
    {
        var team = TestServices.UniqueName("team");
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, $"id,start_date,team,github_login\nana@x.example,2026-01-05,{team},ana\nbo@x.example,not-a-date,{team},bo\ncy@x.example,2026-02-09,{team},cy\n");
        var importer = new HrCsvImporter(fixture.Server.Services.GetRequiredService<EventIngestor>());

        var first = await importer.ImportAsync(path, CancellationToken.None);
        var second = await importer.ImportAsync(path, CancellationToken.None);
        await fixture.Server.FlushAsync();

        Assert.Equal(2, first.Accepted);
        Assert.Equal(1, Assert.Single(first.Rejected).Index);
        Assert.Equal(2, second.Accepted);
        var rows = await fixture.Server.ClickHouse.QueryAsync<Dictionary<string, JsonElement>>(
            $"SELECT id, argMax(source, _version) AS source FROM engineers WHERE team = {Insights.Warehouse.ClickHouse.SqlLiteral.String(team)} GROUP BY id ORDER BY id");
        Assert.Equal(["ana@x.example", "cy@x.example"], rows.Select(r => r["id"].GetString()));
        Assert.All(rows, r => Assert.Equal(HrCsvImporter.Source, r["source"].GetString()));
        File.Delete(path);
    }
}
