namespace Insights.Server.Web;

/// <summary>A request the web app answers with its error page: the status and a sentence that says what happened.</summary>
public sealed class WebProblem(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static WebProblem NotFound(string message) => new(StatusCodes.Status404NotFound, message);

    public static WebProblem Forbidden(string message) => new(StatusCodes.Status403Forbidden, message);
}
