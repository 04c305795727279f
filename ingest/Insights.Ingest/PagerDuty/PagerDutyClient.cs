using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Insights.Ingest.Connectors;
using Insights.Ingest.Http;

namespace Insights.Ingest.PagerDuty;

/// <summary>PagerDuty REST v2: <c>GET /incidents</c> in since/until windows with offset paging, and single incidents.</summary>
public sealed class PagerDutyClient(HttpClient http, PagerDutyOptions options, SecretResolver secrets)
{
    public const int PageSize = 100;

    /// <summary>Incidents created in [since, until), oldest first.</summary>
    public async IAsyncEnumerable<JsonElement> IncidentsAsync(DateTime since, DateTime until, ConnectorContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var offset = 0;
        while (true)
        {
            var query = new StringBuilder($"/incidents?since={Iso(since)}&until={Iso(until)}&limit={PageSize}&offset={offset}&sort_by=created_at:asc&time_zone=UTC");
            foreach (var service in options.ServiceIds)
            {
                query.Append("&service_ids[]=").Append(Uri.EscapeDataString(service));
            }

            using var page = await GetAsync(query.ToString(), context, cancellationToken).ConfigureAwait(false);
            foreach (var incident in page.RootElement.GetProperty("incidents").EnumerateArray())
            {
                yield return incident.Clone();
            }

            if (!page.RootElement.TryGetProperty("more", out var more) || !more.GetBoolean())
            {
                yield break;
            }

            offset += PageSize;
        }
    }

    public async Task<JsonElement> IncidentAsync(string id, ConnectorContext context, CancellationToken cancellationToken)
    {
        using var document = await GetAsync($"/incidents/{Uri.EscapeDataString(id)}", context, cancellationToken).ConfigureAwait(false);
        return document.RootElement.GetProperty("incident").Clone();
    }

    private async Task<JsonDocument> GetAsync(string path, ConnectorContext context, CancellationToken cancellationToken)
    {
        var token = secrets.Resolve(options.Name, options.TokenEnv);
        var url = options.BaseUrl.TrimEnd('/') + path;
        return await SourceHttp.GetJsonAsync(http, options.Name, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Token", "token=" + token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.pagerduty+json") { Parameters = { new NameValueHeaderValue("version", "2") } });
            return request;
        }, context, cancellationToken, "ratelimit-reset").ConfigureAwait(false);
    }

    private static string Iso(DateTime time) => Uri.EscapeDataString(time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
