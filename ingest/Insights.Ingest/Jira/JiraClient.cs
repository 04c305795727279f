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
/// <c>startAt</c>, advancing by the <c>maxResults</c> the server actually returned).
/// </summary>
public sealed class JiraClient(HttpClient http, JiraOptions options, SecretResolver secrets)
{
    public static readonly string[] Fields = ["summary", "created", "updated", "resolutiondate", "status", "priority", "issuetype", "components", "labels"];

    public IAsyncEnumerable<JsonElement> SearchAsync(string jql, ConnectorContext context, CancellationToken cancellationToken) =>
        options.Flavor == "data_center" ? SearchDataCenterAsync(jql, context, cancellationToken) : SearchCloudAsync(jql, context, cancellationToken);

    private async IAsyncEnumerable<JsonElement> SearchCloudAsync(string jql, ConnectorContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
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
            foreach (var issue in page.RootElement.GetProperty("issues").EnumerateArray())
            {
                yield return issue.Clone();
            }

            token = page.RootElement.TryGetProperty("nextPageToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (token is not null);
    }

    private async IAsyncEnumerable<JsonElement> SearchDataCenterAsync(string jql, ConnectorContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var startAt = 0;
        while (true)
        {
            var url = Url($"/rest/api/2/search?jql={Uri.EscapeDataString(jql)}&startAt={startAt}&maxResults={options.PageSize}&fields={string.Join(',', Fields)}");
            using var page = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), context, cancellationToken).ConfigureAwait(false);
            var issues = page.RootElement.GetProperty("issues");
            foreach (var issue in issues.EnumerateArray())
            {
                yield return issue.Clone();
            }

            var returned = page.RootElement.TryGetProperty("maxResults", out var max) ? max.GetInt32() : issues.GetArrayLength();
            var total = page.RootElement.GetProperty("total").GetInt32();
            startAt += Math.Max(returned, 1);
            if (issues.GetArrayLength() == 0 || startAt >= total)
            {
                yield break;
            }
        }
    }

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
