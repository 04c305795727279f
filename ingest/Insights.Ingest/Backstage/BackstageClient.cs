using System.Net.Http.Headers;
using System.Text.Json;
using Insights.Ingest.Connectors;
using Insights.Ingest.Http;

namespace Insights.Ingest.Backstage;

/// <summary>The catalog API's <c>/api/catalog/entities/by-query</c>, page by page (cursor paging; the filter goes only with the first page).</summary>
public sealed class BackstageClient(HttpClient http, BackstageOptions options, SecretResolver secrets)
{
    public async IAsyncEnumerable<JsonElement> EntitiesAsync(ConnectorContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var token = secrets.ResolveOptional(options.TokenEnv);
        var baseUrl = options.BaseUrl.TrimEnd('/');
        string? cursor = null;
        do
        {
            var url = cursor is null
                ? $"{baseUrl}/api/catalog/entities/by-query?filter={Uri.EscapeDataString(options.Filter)}&limit={options.PageSize}"
                : $"{baseUrl}/api/catalog/entities/by-query?cursor={Uri.EscapeDataString(cursor)}&limit={options.PageSize}";
            using var page = await SourceHttp.GetJsonAsync(http, options.Name, () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                return request;
            }, context, cancellationToken).ConfigureAwait(false);

            foreach (var item in page.RootElement.GetProperty("items").EnumerateArray())
            {
                yield return item.Clone();
            }

            cursor = page.RootElement.TryGetProperty("pageInfo", out var info) && info.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String
                ? next.GetString()
                : null;
        }
        while (cursor is not null);
    }
}
