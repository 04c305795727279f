using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Insights.TestSupport;
using Insights.Warehouse.ClickHouse;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Server.Tests.Apis;

/// <summary>
/// A 202 says which stored items will not count as sent (docs/api.md "Warnings"): each warning names the
/// item's index, the field and why, the items are stored all the same, and what is warned about is exactly
/// what the metrics then leave out.
/// </summary>
public sealed class IngestWarningsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InsightsTestServer Server => fixture.Server;

    [Fact]
    public async Task Deployment_ToAnEnvironmentThatIsNotProductionForItsService_IsStoredWithAWarning_AndNotCounted()
    {
        var team = TestServices.UniqueName("team");
        var service = TestServices.UniqueName("svc");
        // Sent just before the deployments: the warnings already know it (it may still be in the spool).
        await Server.PushAllAsync("services", [new { name = service, team, production_environments = new[] { "prod-eu", "prod-us" } }]);

        var answer = await PushAsync("deployments", [
            Deployment(service, "production", "2026-03-03T10:00:00Z"),
            Deployment(service, "PROD-EU", "2026-03-03T11:00:00Z"),
            Deployment(service, "prod-us", "2026-03-03T12:00:00Z"),
            Deployment(service, "canary", "2026-03-03T13:00:00Z") with { Production = true },
        ]);

        Assert.Equal(4, answer.GetProperty("accepted").GetInt32());
        var warning = Assert.Single(Warnings(answer));
        Assert.Equal((0, "environment"), (warning.Index, warning.Field));
        Assert.Equal(
            $"'production' is not a production environment of {service} (its own: prod-eu, prod-us): stored, but no deployment metric counts it. " +
            "Send one of those environments, or `production: true` if this one is production.",
            warning.Message);
        Assert.Equal(4UL, await StoredAsync("deployments", $"service = {SqlLiteral.String(service)}"));
        // The three without a warning are the three the metric counts.
        var frequency = await Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/deployment-frequency?service={service}&from=2026-03-02&to=2026-03-09");
        Assert.Equal(3, frequency.GetProperty("summary").GetProperty("deployments").GetInt32());
    }

    [Fact]
    public async Task Deployment_OfAServiceWithoutItsOwnList_IsCheckedAgainstTheConfiguredEnvironments()
    {
        var service = TestServices.UniqueName("svc");
        await Server.PushAllAsync("services", [new { name = service, team = TestServices.UniqueName("team") }]);

        var answer = await PushAsync("deployments", [
            Deployment(service, "Production", "2026-03-03T10:00:00Z"),
            Deployment(service, "staging", "2026-03-03T11:00:00Z"),
        ]);

        var warning = Assert.Single(Warnings(answer));
        Assert.Equal((1, "environment"), (warning.Index, warning.Field));
        Assert.StartsWith($"'staging' is not a production environment ({service} names none of its own, so the configured ones apply: production, prod)", warning.Message);
    }

    [Fact]
    public async Task Deployment_OfAServiceTheCatalogDoesNotList_IsStoredWithAWarningOnService()
    {
        var service = TestServices.UniqueName("svc");

        var answer = await PushAsync("deployments", [Deployment(service, "production", "2026-03-03T10:00:00Z")]);

        var warning = Assert.Single(Warnings(answer));
        Assert.Equal((0, "service"), (warning.Index, warning.Field));
        Assert.Equal(
            $"'{service}' is not a service of the catalog, so the deployment belongs to no team: stored, and counted only in organisation-wide " +
            "figures until the catalog lists the service (POST /api/v1/services).",
            warning.Message);
        Assert.Equal(1UL, await StoredAsync("deployments", $"service = {SqlLiteral.String(service)}"));
    }

    [Fact]
    public async Task PullRequest_WhoseRepositoryBelongsToNoService_IsStoredWithAWarningOnRepository()
    {
        var service = TestServices.UniqueName("svc");
        var known = $"acme/{service}";
        var unknown = $"acme/{service}-elsewhere";
        await Server.PushAllAsync("services", [new { name = service, team = "payments", repository = known }]);

        var answer = await PushAsync("pull-requests", [
            new { repository = known, number = 1, author = "ana", created_at = "2026-03-02T10:00:00Z" },
            new { repository = unknown, number = 2, author = "ana", created_at = "2026-03-02T10:00:00Z" },
            new { repository = unknown, number = 3, author = "ana", created_at = "2026-03-02T10:00:00Z", service },
        ]);

        Assert.Equal(3, answer.GetProperty("accepted").GetInt32());
        var warning = Assert.Single(Warnings(answer));
        Assert.Equal((1, "repository"), (warning.Index, warning.Field));
        Assert.StartsWith($"No catalog service has the repository '{unknown}', so the pull request has no service or team: stored", warning.Message);
        Assert.Equal(2UL, await StoredAsync("pull_requests", $"repository = {SqlLiteral.String(unknown)}"));
    }

    [Fact]
    public async Task Incident_OfAnUnknownService_IsStoredWithAWarningOnService()
    {
        var service = TestServices.UniqueName("svc");
        var id = TestServices.UniqueName("inc");

        var answer = await PushAsync("incidents", [new { id, service, title = "Down", started_at = "2026-03-02T10:00:00Z" }]);

        var warning = Assert.Single(Warnings(answer));
        Assert.Equal((0, "service"), (warning.Index, warning.Field));
        Assert.StartsWith($"'{service}' is not a service of the catalog, so the incident belongs to no team", warning.Message);
        Assert.Equal(1UL, await StoredAsync("incidents", $"id = {SqlLiteral.String(id)}"));
    }

    [Fact]
    public async Task ManyWarnings_ListTheFirstHundred_AndCountTheRest()
    {
        var service = TestServices.UniqueName("svc");
        var items = Enumerable.Range(0, 150).Select(i => Deployment(service, "production", "2026-03-03T10:00:00Z") with { Id = $"{service}-{i}" }).ToList();

        var answer = await PushAsync("deployments", items);

        Assert.Equal(150, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(Enumerable.Range(0, 100), Warnings(answer).Select(w => w.Index));
        Assert.Equal(50, answer.GetProperty("warnings_omitted").GetInt32());
    }

    [Fact]
    public async Task ItemsThatCountAsSent_HaveNoWarnings_AndTheAnswerSaysSo()
    {
        var service = TestServices.UniqueName("svc");
        await Server.PushAllAsync("services", [new { name = service, team = "payments" }]);

        var response = await Server.PushAsync("deployments", new[] { Deployment(service, "prod", "2026-03-03T10:00:00Z") });

        Assert.Equal("""{"accepted":1,"rejected":[],"warnings":[]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WhileTheCatalogCannotBeRead_PushesAreStoredAsEver_WithoutWarnings()
    {
        await using var server = await InsightsTestServer.StartAsync();
        // Every read of the warehouse now fails (nothing answers at its address), before the catalog was ever read.
        var options = server.Services.GetRequiredService<ClickHouseClient>().Options;
        var url = options.Url;
        options.Url = TestServices.UnreachableClickHouseUrl();
        var service = TestServices.UniqueName("svc");

        var response = await server.PushAsync("deployments", new[] { Deployment(service, "staging", "2026-03-03T10:00:00Z") });
        options.Url = url;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("""{"accepted":1,"rejected":[],"warnings":[]}""", await response.Content.ReadAsStringAsync());
    }

    private static DeploymentItem Deployment(string service, string environment, string finishedAt) =>
        new($"{service}-{environment}-{finishedAt}", service, environment, "success", finishedAt, null);

    private async Task<JsonElement> PushAsync(string route, IEnumerable<object> items)
    {
        var response = await Server.PushAsync(route, items);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<(int Index, string Field, string Message)> Warnings(JsonElement answer) =>
        answer.GetProperty("warnings").EnumerateArray()
            .Select(w => (w.GetProperty("index").GetInt32(), w.GetProperty("field").GetString()!, w.GetProperty("message").GetString()!))
            .ToList();

    private async Task<ulong> StoredAsync(string table, string filter)
    {
        await Server.FlushAsync();
        return await Server.ClickHouse.QueryScalarAsync<ulong>($"SELECT count() FROM {table} FINAL WHERE {filter}");
    }

    private sealed record DeploymentItem(string Id, string Service, string Environment, string Status, string FinishedAt, bool? Production);
}
