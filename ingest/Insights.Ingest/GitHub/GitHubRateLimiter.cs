using System.Globalization;
using System.Net;
using Insights.Ingest.Connectors;
using Microsoft.Extensions.Logging;
using Octokit;

namespace Insights.Ingest.GitHub;

/// <summary>
/// Calls GitHub and honours its limits by waiting, on the sync's clock, instead of failing: the primary
/// limit until <c>x-ratelimit-reset</c>; the secondary limit for <c>retry-after</c> (else 60 s, doubling);
/// a plain 429 (Octokit raises it as a bare ApiException) by its headers. Other errors fail the run.
/// </summary>
public sealed class GitHubRateLimiter(string connector, ConnectorContext context)
{
    private static readonly TimeSpan MaxSingleWait = TimeSpan.FromHours(1);
    private const int MaxWaits = 30;

    public async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var secondary = TimeSpan.FromSeconds(60);
        for (var waits = 0; ; waits++)
        {
            TimeSpan wait;
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (RateLimitExceededException ex) when (waits < MaxWaits)
            {
                wait = ex.Reset - context.Clock.GetUtcNow() + TimeSpan.FromSeconds(1);
            }
            catch (SecondaryRateLimitExceededException ex) when (waits < MaxWaits)
            {
                wait = RetryAfter(ex.HttpResponse) ?? secondary;
                secondary *= 2;
            }
            catch (AbuseException ex) when (waits < MaxWaits)
            {
                wait = ex.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : secondary;
                secondary *= 2;
            }
            catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests && waits < MaxWaits)
            {
                wait = RetryAfter(ex.HttpResponse) ?? Reset(ex.HttpResponse) ?? secondary;
                secondary *= 2;
            }

            wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxSingleWait ? MaxSingleWait : wait;
            context.Logger.LogWarning("GitHub rate limit reached for {Connector}; waiting {Wait}", connector, wait);
            context.Metrics?.Waited(connector, wait);
            await context.DelayAsync(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TimeSpan? RetryAfter(IResponse? response) =>
        Header(response, "retry-after") is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private TimeSpan? Reset(IResponse? response) =>
        Header(response, "x-ratelimit-reset") is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch) - context.Clock.GetUtcNow() + TimeSpan.FromSeconds(1)
            : null;

    private static string? Header(IResponse? response, string name) =>
        response?.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
