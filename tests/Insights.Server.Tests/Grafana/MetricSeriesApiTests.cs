using System.Globalization;
using System.Net;
using System.Text.Json;
using Insights.Domain.Csv;
using Insights.Domain.Metrics;

namespace Insights.Server.Tests.Grafana;

/// <summary>
/// The flat series endpoints for Grafana's Infinity datasource: the metric API's series, one JSON
/// object or CSV line per period, with the same parameters, numbers and errors.
/// </summary>
[Collection(GrafanaDemoCollection.Name)]
public sealed class MetricSeriesApiTests(GrafanaDemoFixture fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public static TheoryData<string, string> Queries => new()
    {
        { "lead-time", $"from={Today.AddDays(-42):yyyy-MM-dd}&to={Today:yyyy-MM-dd}&team=payments" },
        { "deployment-frequency", $"from={Today.AddDays(-14):yyyy-MM-dd}&interval=day&environment=production" },
        { "provisioning-time", "" },
        { "onboarding-time", "interval=month" },
        { "adoption-rate", "golden_path=true&benchmark=dora-2023" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task JsonRows_AreTheMetricSeries_OneRowPerPeriod(string metric, string query)
    {
        var result = await fixture.GetOkAsync($"/api/v1/metrics/{metric}?{query}");
        var rows = await fixture.GetOkAsync($"/api/v1/metrics/{metric}/series?{query}");

        var series = result.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(series.Count, rows.GetArrayLength());
        Assert.True(series.Count > 0);
        var columns = rows[0].EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["metric", "unit", "period_start", "time"], columns.Take(4));
        for (var i = 0; i < series.Count; i++)
        {
            var row = rows[i];
            Assert.Equal(columns, row.EnumerateObject().Select(p => p.Name));
            Assert.Equal(metric, row.GetProperty("metric").GetString());
            // A period's deployment frequency is a count of deployments, not a weekly rate like the summary's.
            Assert.Equal(metric == "deployment-frequency" ? "deployments" : result.GetProperty("unit").GetString(), row.GetProperty("unit").GetString());
            Assert.Equal(series[i].GetProperty("period_start").GetString(), row.GetProperty("period_start").GetString());
            Assert.Equal($"{series[i].GetProperty("period_start").GetString()}T00:00:00Z", row.GetProperty("time").GetString());
            foreach (var figure in series[i].EnumerateObject())
            {
                Assert.Equal(figure.Value.ToString(), row.GetProperty(figure.Name).ToString());
            }
        }

        Assert.Contains(rows.EnumerateArray(), r => r.GetProperty("value").ValueKind == JsonValueKind.Number);
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Csv_HasTheJsonRowsColumnsAndValues(string metric, string query)
    {
        var rows = await fixture.GetOkAsync($"/api/v1/metrics/{metric}/series?{query}");
        var response = await fixture.Server.Client.GetAsync($"/api/v1/metrics/{metric}/series.csv?{query}");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var header = text.Split("\r\n")[0].Split(',');
        Assert.Equal(rows[0].EnumerateObject().Select(p => p.Name), header);
        var records = CsvTable.Read(new StringReader(text)).ToList();
        Assert.Equal(rows.GetArrayLength(), records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            Assert.Null(records[i].Error);
            foreach (var cell in rows[i].EnumerateObject())
            {
                var csv = records[i].Values![cell.Name];
                switch (cell.Value.ValueKind)
                {
                    case JsonValueKind.Null:
                        Assert.Equal(string.Empty, csv);
                        break;
                    case JsonValueKind.Number:
                        Assert.Equal(cell.Value.GetDouble(), double.Parse(csv!, CultureInfo.InvariantCulture));
                        break;
                    case JsonValueKind.True or JsonValueKind.False:
                        Assert.Equal(cell.Value.GetBoolean() ? "true" : "false", csv);
                        break;
                    default:
                        Assert.Equal(cell.Value.GetString(), csv);
                        break;
                }
            }
        }
    }

    [Fact]
    public async Task EmptyRange_GivesEveryPeriod_WithEmptyValues()
    {
        var from = Today.AddYears(1);
        var rows = await fixture.GetOkAsync($"/api/v1/metrics/change-failure-rate/series?from={from:yyyy-MM-dd}&to={from.AddDays(14):yyyy-MM-dd}&interval=week");
        var csv = await fixture.Server.Client.GetStringAsync($"/api/v1/metrics/change-failure-rate/series.csv?from={from:yyyy-MM-dd}&to={from.AddDays(14):yyyy-MM-dd}&interval=week");

        Assert.Equal(PeriodCalendar.Periods(from, from.AddDays(14), Interval.Week).Count(), rows.GetArrayLength());
        Assert.All(rows.EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("value").ValueKind));
        Assert.Equal(rows.GetArrayLength() + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("/series")]
    [InlineData("/series.csv")]
    public async Task BadRequests_AreTheMetricApisProblems(string suffix)
    {
        var unknown = await fixture.Server.Client.GetAsync($"/api/v1/metrics/happiness{suffix}");
        var bad = await fixture.Server.Client.GetAsync($"/api/v1/metrics/lead-time{suffix}?interval=year");
        var pusher = await fixture.ClientWithScopesAsync("ingest");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("deployment-frequency", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("interval", out _), problem.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await pusher.GetAsync($"/api/v1/metrics/lead-time{suffix}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Server.Anonymous.GetAsync($"/api/v1/metrics/lead-time{suffix}")).StatusCode);
    }
}
