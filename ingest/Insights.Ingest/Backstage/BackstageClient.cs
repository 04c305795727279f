using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Insights.Ingest.Connectors;
using Insights.Ingest.Http;

namespace Insights.Ingest.Backstage;

/// <summary>
/// The catalog API: <c>/api/catalog/entities/by-query</c> page by page (cursor paging; the filter goes only
/// with the first page), and <c>/api/catalog/entities/by-name/{kind}/{namespace}/{name}</c> for one entity.
/// </summary>
public sealed class BackstageClient(HttpClient http, BackstageOptions options, SecretResolver secrets)
{
    public async IAsyncEnumerable<BackstagePage> EntitiesAsync(string filter, ConnectorContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var baseUrl = options.BaseUrl.TrimEnd('/');
        string? cursor = null;
        do
        {
            var url = cursor is null
                ? $"{baseUrl}/api/catalog/entities/by-query?filter={Uri.EscapeDataString(filter)}&limit={options.PageSize}"
                : $"{baseUrl}/api/catalog/entities/by-query?cursor={Uri.EscapeDataString(cursor)}&limit={options.PageSize}";
            using var page = await GetAsync(url, context, cancellationToken).ConfigureAwait(false);
            if (page.RootElement.ValueKind != JsonValueKind.Object || !page.RootElement.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw new SourceResponseException("Backstage's catalog answered without an 'items' list.");
            }

            var total = page.RootElement.TryGetProperty("totalItems", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var n) ? n : (long?)null;
            yield return new BackstagePage(items.EnumerateArray().Select(i => i.Clone()).ToList(), total);
            cursor = page.RootElement.TryGetProperty("pageInfo", out var info) && info.ValueKind == JsonValueKind.Object
                && info.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String
                ? next.GetString()
                : null;
        }
        while (cursor is not null);
    }

    /// <summary>One entity by its reference, or null when the catalog has none.</summary>
    public async Task<JsonElement?> EntityAsync(EntityRef reference, ConnectorContext context, CancellationToken cancellationToken)
    {
        var url = $"{options.BaseUrl.TrimEnd('/')}/api/catalog/entities/by-name/{Uri.EscapeDataString(reference.Kind)}/{Uri.EscapeDataString(reference.Namespace)}/{Uri.EscapeDataString(reference.Name)}";
        try
        {
            using var entity = await GetAsync(url, context, cancellationToken).ConfigureAwait(false);
            return entity.RootElement.Clone();
        }
        catch (SourceHttpException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private Task<JsonDocument> GetAsync(string url, ConnectorContext context, CancellationToken cancellationToken)
    {
        var token = secrets.ResolveOptional(options.TokenEnv);
        return SourceHttp.GetJsonAsync(http, options.Name, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            return request;
        }, context, cancellationToken);
    }
}
