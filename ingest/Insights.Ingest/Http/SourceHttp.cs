using System.Net;
using System.Text.Json;
using Insights.Ingest.Connectors;
using Microsoft.Extensions.Logging;

namespace Insights.Ingest.Http;

/// <summary>
/// Sends a request to a source and reads its JSON, waiting out throttling (429 with Retry-After or a
/// reset header, on the sync's clock) instead of failing; other errors, and answers that are not the JSON
/// asked for (<see cref="SourceResponse"/>), fail the part of the sync that asked.
/// </summary>
public static class SourceHttp
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(15);
    private const int MaxThrottles = 20;

    public static async Task<JsonDocument> GetJsonAsync(
        HttpClient http, string source, Func<HttpRequestMessage> request, ConnectorContext context, CancellationToken cancellationToken, params string[] resetHeaders)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var message = request();
            // Headers only: SourceResponse reads the body and stops at its cap (HttpClient would buffer it all first).
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return await SourceResponse.ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            }

            var throttled = response.StatusCode == HttpStatusCode.TooManyRequests
                || (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null);
            if (!throttled || attempt > MaxThrottles)
            {
                throw new SourceHttpException(source, response.StatusCode, await ErrorTextAsync(response, cancellationToken).ConfigureAwait(false), $"{message.Method} {message.RequestUri?.AbsolutePath}");
            }

            var wait = RetryAfter.From(response.Headers, context.Clock.GetUtcNow(), resetHeaders) ?? TimeSpan.FromSeconds(Math.Min(60, 2 << attempt));
            wait = wait > MaxWait ? MaxWait : wait;
            context.Logger.LogWarning("{Source} is throttling us; waiting {Wait} before retrying", source, wait);
            context.Metrics?.Waited(source, wait);
            await context.DelayAsync(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The start of an error answer (an error page may be large).</summary>
    private static async Task<string> ErrorTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[4096];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }
}
