using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Insights.Ingest.Connectors;
using Insights.Ingest.Http;

namespace Insights.Ingest.PagerDuty;

/// <summary>
/// PagerDuty REST v2: <c>GET /incidents</c> in since/until windows with offset paging, single incidents,
/// and an incident's log entries (for its first acknowledgement).
/// </summary>
/// <remarks>
/// PagerDuty's offset paging ends at offset + limit = 10,000 (a 400 beyond). Incidents are listed oldest
/// first, so a listing that reaches that limit goes on as a new listing from the creation time of the last
/// incident it read: every incident is read whatever the window holds.
/// </remarks>
public sealed class PagerDutyClient(HttpClient http, PagerDutyOptions options, SecretResolver secrets)
{
    public const int PageSize = 100;

    /// <summary>PagerDuty refuses offset + limit beyond this.</summary>
    public const int MaxOffset = 10_000;

    /// <summary>Incidents created in [since, until), oldest first, of <paramref name="serviceIds"/> (all when empty).</summary>
    public async IAsyncEnumerable<PagerDutyPage> IncidentsAsync(
        DateTime since, DateTime until, IReadOnlyList<string> serviceIds, ConnectorContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var from = since;
        var offset = 0;
        DateTime? lastCreated = null;
        while (true)
        {
            if (offset + PageSize > MaxOffset)
            {
                // Incidents created in the same second as the last one read may straddle the restart: one second back, read twice (harmless).
                var restart = lastCreated!.Value.AddSeconds(-1);
                if (restart <= from)
                {
                    throw new SourceResponseException($"More than {MaxOffset:N0} incidents were created in the two seconds from {Iso(from)}: PagerDuty's paging cannot list them all.");
                }

                (from, offset) = (restart, 0);
            }

            var query = new StringBuilder($"/incidents?since={Escaped(from)}&until={Escaped(until)}&limit={PageSize}&offset={offset}&sort_by=created_at:asc&time_zone=UTC");
            if (offset == 0)
            {
                query.Append("&total=true");
            }

            foreach (var service in serviceIds)
            {
                query.Append("&service_ids[]=").Append(Uri.EscapeDataString(service));
            }

            using var page = await GetAsync(query.ToString(), context, cancellationToken).ConfigureAwait(false);
            var incidents = List(page, "incidents");
            var total = page.RootElement.TryGetProperty("total", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var n) ? n : (long?)null;
            yield return new PagerDutyPage(incidents, total);

            lastCreated = incidents.Select(Created).LastOrDefault(c => c is not null) ?? lastCreated;
            if (incidents.Count == 0 || !(page.RootElement.TryGetProperty("more", out var more) && more.ValueKind == JsonValueKind.True))
            {
                yield break;
            }

            offset += PageSize;
            if (offset + PageSize > MaxOffset && lastCreated is null)
            {
                throw new SourceResponseException($"PagerDuty listed {MaxOffset:N0} incidents without a readable created_at; the listing cannot go on.");
            }
        }
    }

    /// <summary>One incident, or null when PagerDuty no longer has it.</summary>
    public async Task<JsonElement?> IncidentAsync(string id, ConnectorContext context, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await GetAsync($"/incidents/{Uri.EscapeDataString(id)}", context, cancellationToken).ConfigureAwait(false);
            return document.RootElement.TryGetProperty("incident", out var incident) && incident.ValueKind == JsonValueKind.Object
                ? incident.Clone()
                : throw new SourceResponseException($"PagerDuty answered GET /incidents/{id} without an 'incident'.");
        }
        catch (SourceHttpException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>When the incident was first acknowledged, from its log (acknowledge_log_entry), or null when never.</summary>
    public async Task<DateTime?> FirstAcknowledgementAsync(string id, ConnectorContext context, CancellationToken cancellationToken)
    {
        DateTime? first = null;
        for (var offset = 0; offset + PageSize <= MaxOffset; offset += PageSize)
        {
            using var page = await GetAsync($"/incidents/{Uri.EscapeDataString(id)}/log_entries?is_overview=true&time_zone=UTC&limit={PageSize}&offset={offset}", context, cancellationToken).ConfigureAwait(false);
            foreach (var entry in List(page, "log_entries"))
            {
                if (VendorJson.Text(entry, "type") == "acknowledge_log_entry" && VendorJson.Time(entry, VendorJson.Iso, "created_at") is { } at && (first is null || at < first))
                {
                    first = at;
                }
            }

            if (!(page.RootElement.TryGetProperty("more", out var more) && more.ValueKind == JsonValueKind.True))
            {
                break;
            }
        }

        return first;
    }

    private static List<JsonElement> List(JsonDocument page, string property) =>
        page.RootElement.ValueKind == JsonValueKind.Object && page.RootElement.TryGetProperty(property, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Select(i => i.Clone()).ToList()
            : throw new SourceResponseException($"PagerDuty answered without a '{property}' list.");

    private static DateTime? Created(JsonElement incident)
    {
        try
        {
            return VendorJson.Time(incident, VendorJson.Iso, "created_at");
        }
        catch (SourceItemException)
        {
            return null;
        }
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

    private static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Escaped(DateTime time) => Uri.EscapeDataString(Iso(time));
}
