using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Insights.Domain.Metrics;
using Insights.TestSupport;

namespace Insights.Server.Tests.Metrics;

public sealed class MetricsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InsightsTestServer Server => fixture.Server;

    [Theory]
    [InlineData("from=2026-13-01", "from", "must be a date YYYY-MM-DD")]
    [InlineData("from=1970-06-01&to=2026-01-01", "from", "must be between 1971-01-01 and 2105-12-31")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-03-10&to=2026-03-10", "to")]
    [InlineData("from=2020-01-01&to=2026-01-01", "to")]
    [InlineData("interval=year", "interval")]
    [InlineData("benchmark=dora-1999", "benchmark")]
    [InlineData("golden_path=maybe", "golden_path")]
    [InlineData("from=2026-01-01&to=2026-12-31&interval=day&team=x", "team", "'x' is not a known team")]
    [InlineData("from=2026-01-01&to=2026-12-31&interval=day", null)]
    public async Task BadParameters_AreProblemsNamingTheParameter(string query, string? field, string? reason = null)
    {
        var response = await Server.Client.GetAsync($"/api/v1/metrics/lead-time?{query}");

        if (field is null)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.StartsWith(reason ?? "", messages[0].GetString());
    }

    [Fact]
    public async Task UnknownMetric_Is404_ListingTheMetrics()
    {
        var response = await Server.Client.GetAsync("/api/v1/metrics/happiness");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("deployment-frequency", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_NeedTheReadScope()
    {
        var created = await Server.Client.PostAsJsonAsync("/api/v1/keys", new { name = "pusher", scopes = new[] { "ingest" } });
        var pusher = Server.CreateClient((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await pusher.GetAsync("/api/v1/metrics/lead-time")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Anonymous.GetAsync("/api/v1/dora")).StatusCode);
    }

    [Fact]
    public async Task EveryMetric_AnswersEveryInterval_AndEveryFilter_OnAnEmptyWarehouse()
    {
        // Each SQL file with each combination of filters: a query the server cannot run would be a 500.
        // The catalog names team t and service s (an unknown name would be a 400), and nothing else is pushed.
        await Server.PushAllAsync("services", new[] { new { name = "s", team = "t", repository = "acme/s" } });
        await Server.FlushAsync();
        foreach (var metric in MetricCatalog.All)
        {
            foreach (var query in new[] { "interval=day", "interval=month", "team=t&service=s&environment=prod&golden_path=true&benchmark=dora-2023" })
            {
                var response = await Server.Client.GetAsync($"/api/v1/metrics/{metric.Name}?from=2026-01-01&to=2026-03-01&{query}");
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{metric.Name}?{query}: {body}");
                var result = JsonDocument.Parse(body).RootElement;
                Assert.Equal(JsonValueKind.Null, result.GetProperty("summary").GetProperty("value").ValueKind);
            }
        }
    }

    [Fact]
    public async Task MetricList_NamesEveryMetric()
    {
        var list = await Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/metrics");

        Assert.Equal(MetricCatalog.All.Select(m => m.Name), list.EnumerateArray().Select(m => m.GetProperty("name").GetString()));
    }
}
