namespace Insights.Ingest.Http;

/// <summary>
/// For a client library that parses answers itself (Octokit): a successful answer that is not the JSON
/// asked for fails as a <see cref="SourceResponseException"/> before the library sees it — an HTML page,
/// cut-off JSON or a huge or absurdly nested body would otherwise become an obscure parser error (or, for a
/// recursive parser, a crash).
/// </summary>
public sealed class CheckedJsonHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode || response.Content is null)
        {
            return response;
        }

        byte[] body;
        try
        {
            body = await SourceResponse.ReadCheckedAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        var checkedContent = new ByteArrayContent(body);
        foreach (var header in response.Content.Headers)
        {
            checkedContent.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content.Dispose();
        response.Content = checkedContent;
        return response;
    }
}
