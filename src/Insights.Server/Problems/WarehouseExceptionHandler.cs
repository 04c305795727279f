using Insights.Warehouse.ClickHouse;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Insights.Server;

/// <summary>
/// A question the warehouse could not answer gets a problem that says why and what to do, instead of
/// a bare 500: ClickHouse unreachable (503 with Retry-After), the question over the per-query memory
/// cap (503: ask a smaller question), or past the query timeout (504). Anything else stays a 500.
/// </summary>
public sealed partial class WarehouseExceptionHandler(IProblemDetailsService problems, ILogger<WarehouseExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>ClickHouse's MEMORY_LIMIT_EXCEEDED.</summary>
    public const int MemoryLimitExceeded = 241;

    /// <summary>ClickHouse's TIMEOUT_EXCEEDED.</summary>
    public const int TimeoutExceeded = 159;

    public const int RetryAfterSeconds = 5;

    private const string Smaller = "Ask for a shorter range, or for one team or service.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            ClickHouseException { Code: MemoryLimitExceeded } => (StatusCodes.Status503ServiceUnavailable, "Question too large for the warehouse",
                $"ClickHouse stopped this question at its memory limit per query (ClickHouse:MaxQueryMemoryBytes). {Smaller}"),
            ClickHouseException { Code: TimeoutExceeded } or TimeoutException => (StatusCodes.Status504GatewayTimeout, "The warehouse did not answer in time",
                $"ClickHouse did not answer within the query timeout (ClickHouse:QueryTimeout). {Smaller} Or try again later."),
            HttpRequestException => (StatusCodes.Status503ServiceUnavailable, "Warehouse unavailable",
                "ClickHouse cannot be reached; try again shortly. GET /readyz shows the state of each database."),
            _ => (0, string.Empty, string.Empty),
        };
        if (status == 0 || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogUnanswered(logger, exception, httpContext.Request.Method, httpContext.Request.Path.Value ?? string.Empty, status, title);
        httpContext.Response.StatusCode = status;
        if (exception is HttpRequestException)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered {Status}: {Title}")]
    private static partial void LogUnanswered(ILogger logger, Exception exception, string method, string path, int status, string title);
}
