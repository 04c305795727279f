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
    public const int RetryAfterSeconds = 5;

    private const string Smaller = "Ask for a shorter range, or for one team or service.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var failure = WarehouseFailures.Of(exception);
        var status = failure.Status();
        var (title, detail) = failure switch
        {
            WarehouseFailure.TooLarge => ("Question too large for the warehouse",
                $"ClickHouse stopped this question at its memory limit per query (ClickHouse:MaxQueryMemoryBytes). {Smaller}"),
            WarehouseFailure.TooSlow => ("The warehouse did not answer in time",
                $"ClickHouse did not answer within the query timeout (ClickHouse:QueryTimeout). {Smaller} Or try again later."),
            WarehouseFailure.Unreachable => ("Warehouse unavailable",
                "ClickHouse cannot be reached; try again shortly. GET /readyz shows the state of each database."),
            _ => (string.Empty, string.Empty),
        };
        if (status == 0 || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogUnanswered(logger, exception, httpContext.Request.Method, httpContext.Request.Path.Value ?? string.Empty, status, title);
        httpContext.Response.StatusCode = status;
        if (failure == WarehouseFailure.Unreachable)
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
