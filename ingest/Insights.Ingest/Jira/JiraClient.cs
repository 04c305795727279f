using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Insights.Ingest.Connectors;
using Insights.Ingest.Http;

namespace Insights.Ingest.Jira;

/// <summary>
/// Searches issues by JQL with the fields named explicitly: Jira Cloud's <c>POST /rest/api/3/search/jql</c>
/// (paged by <c>nextPageToken</c>, no total) or Data Center's <c>GET /rest/api/2/search</c> (paged by
/// <c>startAt</c>, advancing by the <c>maxResults</c> the server actually returned); and reads one issue
/// again by key (<c>GET …/issue/{key}</c>) for the quarantine.
/// </summary>
public sealed class JiraClient(HttpClient http, JiraOptions options, SecretResolver secrets)
{
    public static readonly string[] StandardFields = ["summary", "created", "updated", "resolutiondate", "resolution", "status", "priority", "issuetype", "components", "labels"];

    /// <summary>The fields asked for: the standard ones and the configured severity field.</summary>
    public IReadOnlyList<string> Fields => StandardFields.Contains(options.SeverityField, StringComparer.Ordinal) ? StandardFields : [.. StandardFields, options.SeverityField];

    public IAsyncEnumerable<JiraPage> SearchAsync(string jql, ConnectorContext context, CancellationToken cancellationToken) =>
        options.Flavor == "data_center" ? SearchDataCenterAsync(jql, context, cancellationToken) : SearchCloudAsync(jql, context, cancellationToken);

    /// <summary>One issue by key, or null when Jira no longer has it (or no longer lets us see it).</summary>
    public async Task<JsonElement?> IssueAsync(string key, ConnectorContext context, CancellationToken cancellationToken)
    {
        var api = options.Flavor == "data_center" ? "2" : "3";
        try
        {
            using var issue = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Url($"/rest/api/{api}/issue/{Uri.EscapeDataString(key)}?fields={string.Join(',', Fields)}")), context, cancellationToken).ConfigureAwait(false);
            return issue.RootElement.Clone();
        }
        catch (SourceHttpException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async IAsyncEnumerable<JiraPage> SearchCloudAsync(string jql, ConnectorContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var body = new Dictionary<string, object> { ["jql"] = jql, ["fields"] = Fields, ["maxResults"] = options.PageSize };
            if (token is not null)
            {
                body["nextPageToken"] = token;
            }

            using var page = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Url("/rest/api/3/search/jql")) { Content = JsonContent.Create(body) }, context, cancellationToken).ConfigureAwait(false);
            yield return new JiraPage(Issues(page), null);
            token = page.RootElement.TryGetProperty("nextPageToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (token is not null);
    }

    private async IAsyncEnumerable<JiraPage> SearchDataCenterAsync(string jql, ConnectorContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var startAt = 0;
        while (true)
        {
            var url = Url($"/rest/api/2/search?jql={Uri.EscapeDataString(jql)}&startAt={startAt}&maxResults={options.PageSize}&fields={string.Join(',', Fields)}");
            using var page = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), context, cancellationToken).ConfigureAwait(false);
            var issues = Issues(page);
            var total = page.RootElement.TryGetProperty("total", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt32(out var n) ? n : (int?)null;
            yield return new JiraPage(issues, total);

            var returned = page.RootElement.TryGetProperty("maxResults", out var max) && max.ValueKind == JsonValueKind.Number && max.TryGetInt32(out var m) ? m : issues.Count;
            startAt += Math.Max(returned, 1);
            if (issues.Count == 0 || (total is { } all ? startAt >= all : issues.Count < returned))
            {
                yield break;
            }
        }
    }

    private static List<JsonElement> Issues(JsonDocument page) =>
        page.RootElement.ValueKind == JsonValueKind.Object && page.RootElement.TryGetProperty("issues", out var issues) && issues.ValueKind == JsonValueKind.Array
            ? issues.EnumerateArray().Select(i => i.Clone()).ToList()
            : throw new SourceResponseException("Jira's search answered without an 'issues' list.");

    private Task<JsonDocument> SendAsync(Func<HttpRequestMessage> create, ConnectorContext context, CancellationToken cancellationToken)
    {
        var secret = secrets.Resolve(options.Name, options.TokenEnv);
        var authorization = string.IsNullOrEmpty(options.Email)
            ? new AuthenticationHeaderValue("Bearer", secret)
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Email}:{secret}")));
        return SourceHttp.GetJsonAsync(http, options.Name, () =>
        {
            var request = create();
            request.Headers.Authorization = authorization;
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return request;
        }, context, cancellationToken);
    }

    private string Url(string path) => options.BaseUrl.TrimEnd('/') + path;
}
