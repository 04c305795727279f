using Insights.Warehouse.Metrics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;

namespace Insights.Server.Web;

/// <summary>
/// Turns what a page could not do into the error page with a sentence that says what happened: a bad
/// range or filter (400, naming the field as the API does), an unknown team (404), a team a viewer may
/// not see (403), a form whose antiforgery token is missing or forged (400), a warehouse that does not
/// answer (503/504). The error page reads the sentence from <see cref="MessageKey"/>.
/// </summary>
public sealed partial class WebPageFilter(ILogger<WebPageFilter> logger) : IAsyncPageFilter, IAsyncAlwaysRunResultFilter
{
    public const string MessageKey = "insights.web.error";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled)
        {
            return;
        }

        var (status, message) = executed.Exception switch
        {
            WebProblem problem => (problem.Status, problem.Message),
            MetricQueryException query => (StatusCodes.Status400BadRequest, $"The address has a bad '{query.Parameter}': it {query.Reason.TrimEnd('.')}."),
            var other when WarehouseFailures.Of(other) is var failure && failure != WarehouseFailure.None => (failure.Status(), failure switch
            {
                WarehouseFailure.TooSlow => "The warehouse did not answer in time. Try a shorter range, or try again in a moment.",
                WarehouseFailure.TooLarge => "This question is too large for the warehouse. Try a shorter range, or one team.",
                _ => "The warehouse (ClickHouse) cannot be reached right now. Try again in a moment; /readyz shows the state of each database.",
            }),
            _ => (0, ""),
        };
        if (status == 0)
        {
            return;
        }

        if (status >= 500)
        {
            LogUnanswered(logger, executed.Exception, context.HttpContext.Request.Path.Value ?? "", status);
        }

        executed.ExceptionHandled = true;
        executed.Result = Error(context.HttpContext, status, message);
    }

    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            context.Result = Error(context.HttpContext, StatusCodes.Status400BadRequest,
                "The form could not be accepted: its security token was missing, forged or from an older session. Nothing was changed; reload the page and try again.");
        }

        await next();
    }

    /// <summary>An empty answer with the status: the status-code page renders it, with the message.</summary>
    public static IActionResult Error(HttpContext context, int status, string message)
    {
        context.Items[MessageKey] = message;
        return new StatusCodeResult(status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Web page {Path} answered {Status}")]
    private static partial void LogUnanswered(ILogger logger, Exception exception, string path, int status);
}
