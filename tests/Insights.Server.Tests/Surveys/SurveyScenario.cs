using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Insights.Domain.Csv;
using Insights.TestSupport;

namespace Insights.Server.Tests.Surveys;

/// <summary>Campaigns, links and answers through the HTTP API, as an admin and as respondents would use it.</summary>
public static class SurveyScenario
{
    public static async Task<Guid> CreateCampaignAsync(InsightsTestServer server, object? body = null)
    {
        var response = await server.Client.PostAsJsonAsync("/api/v1/surveys", body ?? new { name = TestServices.UniqueName("campaign") });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>Issues links for developers given as (developer, team) and returns the CSV answer's records.</summary>
    public static async Task<List<IReadOnlyDictionary<string, string?>>> IssueLinksAsync(InsightsTestServer server, Guid campaign, IEnumerable<(string Developer, string Team)> developers)
    {
        var csv = new StringBuilder(CsvFormat.Line("developer", "team"));
        foreach (var (developer, team) in developers)
        {
            csv.Append(CsvFormat.Line(developer, team));
        }

        var response = await server.Client.PostAsync($"/api/v1/surveys/{campaign}/links", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType?.ToString());
        return CsvTable.Read(new StringReader(text)).Select(r => r.Values!).ToList();
    }

    public static async Task<string> TokenForAsync(InsightsTestServer server, Guid campaign, string developer, string team)
    {
        var links = await IssueLinksAsync(server, campaign, [(developer, team)]);
        Assert.Equal("issued", links[0]["status"]);
        return TokenOf(links[0]["link"]!);
    }

    public static string TokenOf(string link) => link[(link.LastIndexOf("/s/", StringComparison.Ordinal) + 3)..];

    public static Task<HttpResponseMessage> AnswerAsync(InsightsTestServer server, string token, int score, string? comment = null) =>
        server.Anonymous.PostAsJsonAsync("/api/v1/surveys/responses", new { token, score, comment });

    public static async Task<JsonElement> NpsSummaryAsync(InsightsTestServer server, Guid campaign, string? team = null)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var query = $"/api/v1/metrics/nps?campaign={campaign}&from={today.AddDays(-7):yyyy-MM-dd}&to={today.AddDays(2):yyyy-MM-dd}" + (team is null ? string.Empty : "&team=" + team);
        return (await server.Client.GetFromJsonAsync<JsonElement>(query)).GetProperty("summary");
    }
}
