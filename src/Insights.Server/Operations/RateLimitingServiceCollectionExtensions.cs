using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Insights.Server.Operations;

public static class RateLimitingServiceCollectionExtensions
{
    /// <summary>The policy of the survey answer endpoints (flood protection: answers are anonymous).</summary>
    public const string SurveyAnswers = "survey-answers";

    /// <summary>
    /// One token bucket per API key (after authentication) or web session, one per client address for
    /// requests without either. Health, readiness and Prometheus scraping are never limited. A refusal is a 429
    /// problem with Retry-After.
    /// </summary>
    public static IServiceCollection AddInsightsRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var path = context.Request.Path;
                if (path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics"))
                {
                    return RateLimitPartition.GetNoLimiter("operations");
                }

                // A web session counts as a key of its own (Web.WebApplicationExtensions.UseInsightsWebSessions).
                var key = context.User.FindFirstValue(ClaimTypes.NameIdentifier)
                    ?? context.Items[Web.WebApplicationExtensions.RateLimitPartitionKey] as string;
                var perMinute = key is null ? options.AnonymousPerMinute : options.PerKeyPerMinute;
                if (perMinute <= 0)
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                var partition = key is null ? "ip:" + context.Connection.RemoteIpAddress : "key:" + key;
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(10, perMinute / 6),
                    TokensPerPeriod = Math.Max(1, perMinute / 60),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.AddPolicy(SurveyAnswers, context => options.SurveyAnswersPerMinute <= 0
                ? RateLimitPartition.GetNoLimiter("survey-unlimited")
                : RateLimitPartition.GetFixedWindowLimiter("survey:" + context.Connection.RemoteIpAddress, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.SurveyAnswersPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests",
                    detail: $"This key (or address) is over its request rate; retry after {seconds} s.").ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }
}
