using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Insights.TestSupport;
using Insights.Warehouse.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Server.Tests.Metrics;

/// <summary>Teams, services and the before/after view over the golden dataset.</summary>
[Trait("Warehouse", "Both")]
public sealed class GoldenCatalogTests(GoldenFixture golden) : IClassFixture<GoldenFixture>
{
    [Fact]
    public async Task Teams_ComeFromOwnershipAndEngineers_WithTheirAdoptionDates()
    {
        var teams = (await golden.GetAsync("/api/v1/teams")).EnumerateArray().ToList();

        Assert.Equal(["blue", "red"], teams.Select(t => t.GetProperty("team").GetString()));
        var blue = teams[0];
        var red = teams[1];
        Assert.Equal(["beta"], blue.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(3, blue.GetProperty("engineers").GetInt32());
        // Blue's first golden-path production deployment is B3eu (Mar 19); red's is A1 (Mar 2, pipeline gp/deploy).
        Assert.Equal("2026-03-19", blue.GetProperty("adopted_on").GetString());
        Assert.Equal("2026-03-02", red.GetProperty("adopted_on").GetString());
        Assert.Equal("first_golden_path_deployment", red.GetProperty("adoption_source").GetString());
        Assert.Equal(5, red.GetProperty("engineers").GetInt32());
    }

    [Fact]
    public async Task TeamNames_AreTheTeams_WithoutReadingDeployments()
    {
        var catalog = golden.Server.Services.GetRequiredService<CatalogQueries>();

        var names = await catalog.TeamNamesAsync();

        Assert.Equal(["blue", "red"], names);
        Assert.Equal((await catalog.TeamsAsync()).Select(t => t.Team), names);
    }

    [Fact]
    public async Task Services_AreTheLatestCatalog()
    {
        var services = (await golden.GetAsync("/api/v1/services")).EnumerateArray().ToList();

        Assert.Equal(["alpha", "beta"], services.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(["prod-eu", "PROD-US"], services[1].GetProperty("production_environments").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("template:default/service", services[0].GetProperty("golden_path_template").GetString());
    }

    [Fact]
    public async Task Impact_ComparesTheWeeksBeforeAndAfterAdoption()
    {
        // Blue adopted on Mar 19. Two weeks before [Mar 5, Mar 19): B1eu B1us B2eu B2us = 4 ÷ 2 weeks = 2 per
        // week, B2us failed → 25 %. Two weeks after [Mar 19, Apr 2): B3eu B3us B4eu B4us → 2 per week, none failed.
        var impact = await golden.GetAsync($"/api/v1/impact?team=blue&weeks=2&from={GoldenDataset.From}&to={GoldenDataset.To}");

        var team = impact.GetProperty("team");
        Assert.Equal("2026-03-19", team.GetProperty("adopted_on").GetString());
        var before = team.GetProperty("before");
        var after = team.GetProperty("after");
        Assert.Equal("2026-03-05", before.GetProperty("from").GetString());
        Assert.Equal("2026-04-02", after.GetProperty("to").GetString());
        Assert.Equal(2, before.GetProperty("metrics").GetProperty("deployment-frequency").GetProperty("value").GetDouble());
        Assert.Equal(25, before.GetProperty("metrics").GetProperty("change-failure-rate").GetProperty("value").GetDouble());
        Assert.Equal(4, before.GetProperty("metrics").GetProperty("change-failure-rate").GetProperty("n").GetInt32());
        Assert.Equal(2, after.GetProperty("metrics").GetProperty("deployment-frequency").GetProperty("value").GetDouble());
        Assert.Equal(0, after.GetProperty("metrics").GetProperty("change-failure-rate").GetProperty("value").GetDouble());

        // Organisation-wide over the range: golden path 3 of 12 failed, other paths 2 of 7.
        var paths = impact.GetProperty("golden_path_vs_other");
        Assert.Equal(25, paths.GetProperty("golden_path").GetProperty("change-failure-rate").GetProperty("value").GetDouble());
        Assert.Equal(28.57, paths.GetProperty("other").GetProperty("change-failure-rate").GetProperty("value").GetDouble());
        Assert.Equal(2, impact.GetProperty("teams").GetArrayLength());
    }

    [Fact]
    public async Task Impact_MarksAWindowThatStartsBeforeTheTeamsData_OrHoldsUnderFourWeeksOfIt()
    {
        // Blue's data starts with B1eu on Mar 5, two weeks before its adoption (Mar 19). Twelve weeks "before"
        // reach back to Dec 25 but hold two weeks of data; two weeks before start with the data but are under
        // four weeks. After: from Mar 19 to today (Apr 15, so up to Apr 16): exactly four weeks.
        var twelve = (await golden.GetAsync("/api/v1/impact?team=blue&weeks=12")).GetProperty("team");
        var two = (await golden.GetAsync("/api/v1/impact?team=blue&weeks=2")).GetProperty("team");

        Assert.Equal("2026-03-05", twelve.GetProperty("data_from").GetString());
        Assert.Equal(("2025-12-25", 2.0, true, true), Coverage(twelve.GetProperty("before")));
        Assert.Equal(("2026-03-19", 4.0, false, false), Coverage(twelve.GetProperty("after")));
        Assert.Equal(("2026-03-05", 2.0, false, true), Coverage(two.GetProperty("before")));
        Assert.Equal(("2026-03-19", 2.0, false, true), Coverage(two.GetProperty("after")));

        static (string?, double, bool, bool) Coverage(JsonElement window) => (
            window.GetProperty("from").GetString(),
            window.GetProperty("covered_weeks").GetDouble(),
            window.GetProperty("starts_before_data").GetBoolean(),
            window.GetProperty("low_coverage").GetBoolean());
    }

    [Fact]
    public async Task DataStarts_AreEachTeamsFirstProductionDeployment_AndTheOrganisationsEarliest()
    {
        var starts = await golden.Server.Services.GetRequiredService<CatalogQueries>().DataStartsAsync();

        // Red's alpha deploys A1 to production on Mar 2; blue's beta B1eu on Mar 5.
        Assert.Equal(new DateOnly(2026, 3, 2), starts.Organisation);
        Assert.Equal(new DateOnly(2026, 3, 2), starts.For("red"));
        Assert.Equal(new DateOnly(2026, 3, 5), starts.For("blue"));
        Assert.Null(starts.For("green"));
    }

    [Fact]
    public async Task Impact_SaysSo_WhenATeamHasNotAdopted()
    {
        // Its own warehouse: a team the catalog knows (green owns a service) that never used a golden path.
        await using var server = await InsightsTestServer.StartAsync(new Dictionary<string, string?>());
        await server.PushAllAsync("services", new[] { new { name = "lawn", team = "green", repository = "acme/lawn" } });
        await server.PushAllAsync("deployments", new[] { new { source = "ci", id = "lawn-1", service = "lawn", environment = "production", status = "success", pipeline = "custom", started_at = "2026-03-02T10:00:00Z", finished_at = "2026-03-02T10:05:00Z" } });
        await server.FlushAsync();

        var impact = await server.Client.GetFromJsonAsync<JsonElement>("/api/v1/impact?team=green");

        Assert.Equal(JsonValueKind.Null, impact.GetProperty("team").GetProperty("adopted_on").ValueKind);
        Assert.Equal(JsonValueKind.Null, impact.GetProperty("team").GetProperty("before").ValueKind);
    }

    [Fact]
    public async Task Impact_OfAnUnknownTeam_IsAProblemNamingTheField()
    {
        var response = await golden.Server.Client.GetAsync("/api/v1/impact?team=gren");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("'gren' is not a known team", problem.GetProperty("errors").GetProperty("team")[0].GetString());
    }
}
