using System.Net.Http.Json;
using System.Text.Json;

namespace Insights.Reports.Tests.Support;

/// <summary>The report and metric endpoints as a test calls them.</summary>
public static class ReportApi
{
    public static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/reports", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/v1/reports: {(int)response.StatusCode} {json}");
        return json;
    }

    public static async Task<byte[]> PdfAsync(HttpClient client, JsonElement report)
    {
        using var response = await client.GetAsync(report.GetProperty("pdf_url").GetString());
        Assert.True(response.IsSuccessStatusCode, $"{report.GetProperty("pdf_url")}: {(int)response.StatusCode}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The metric API's answer, or null when it refuses the question (e.g. a metric not available in this version).</summary>
    public static async Task<JsonElement?> MetricAsync(HttpClient client, string metric, DateOnly from, DateOnly to, string? team = null, bool? goldenPath = null)
    {
        var url = $"/api/v1/metrics/{metric}?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"
            + (team is null ? "" : $"&team={Uri.EscapeDataString(team)}")
            + (goldenPath is null ? "" : $"&golden_path={(goldenPath.Value ? "true" : "false")}");
        using var response = await client.GetAsync(url);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode)
        {
            Assert.True(metric == "nps", $"{url}: {(int)response.StatusCode} {json}");
            return null;
        }

        return json;
    }

    /// <summary>Every counted item of a metric's answer, page by page, as the items API gives them.</summary>
    public static async Task<IReadOnlyList<JsonElement>> CountedItemsAsync(HttpClient client, string metric, DateOnly from, DateOnly to, string? team)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/metrics/{metric}/items?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&counted=true&limit=1000"
                + (team is null ? "" : $"&team={Uri.EscapeDataString(team)}")
                + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            using var response = await client.GetAsync(url);
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {json}");
            items.AddRange(json.GetProperty("items").EnumerateArray().Select(i => i.Clone()));
            cursor = Text(json, "next_cursor");
        }
        while (cursor is not null);

        return items;
    }

    public static double? Number(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    public static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
