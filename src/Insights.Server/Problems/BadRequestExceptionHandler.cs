using System.Text.Json;
using Insights.Domain.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Insights.Server;

/// <summary>
/// A JSON body that does not bind to an endpoint's request record (a time that is not a time, text
/// where a number goes, a body cut short) is answered with a problem naming the field and the reason,
/// like every other invalid input, instead of a bare "Bad Request" (or a 500 for an unreadable time).
/// Needs <see cref="RouteHandlerOptions.ThrowOnBadRequest"/>, so that binding failures reach here.
/// </summary>
public sealed class BadRequestExceptionHandler : IExceptionHandler
{
    private const string ConversionFailure = "The JSON value could not be converted to ";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        var answer = bad.InnerException switch
        {
            JsonException { Path: { Length: > 2 } path } json when json is ApiJson.InvalidValueException || json.Message.StartsWith(ConversionFailure, StringComparison.Ordinal) =>
                // The API's converters say what the value must be; the serializer's own message names .NET types.
                Problems.Invalid(Field(path), json is ApiJson.InvalidValueException invalid ? invalid.Reason : "has the wrong JSON type (a number where text goes, an object where a list goes…)."),
            JsonException json => Problems.MalformedJson(json),
            _ => TypedResults.Problem(statusCode: bad.StatusCode, title: "Bad request", detail: bad.Message),
        };
        await answer.ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }

    /// <summary><c>$.audience[0].size</c> → <c>audience[0].size</c>: the field as the request names it.</summary>
    private static string Field(string path) => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
