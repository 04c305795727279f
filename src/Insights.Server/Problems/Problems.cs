using System.Text.Json;

namespace Insights.Server;

/// <summary>The API's RFC 7807 answers, worded once.</summary>
public static class Problems
{
    /// <summary>The body as a whole in an <c>errors</c> map: its JSON path, as in the rejected items of a push.</summary>
    public const string WholeBody = "$";

    /// <summary>A 400; without field errors the problem names the body as a whole (<see cref="WholeBody"/>), so every 400 has an <c>errors</c> map.</summary>
    public static IResult BadRequest(string detail, IDictionary<string, string[]>? errors = null) =>
        TypedResults.ValidationProblem(errors ?? new Dictionary<string, string[]> { [WholeBody] = [detail] }, detail: detail, title: "Bad request");

    public static IResult MalformedJson(JsonException ex)
    {
        var detail = $"The body is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}): {ex.Message.Split(" LineNumber", 2)[0]}";
        return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [WholeBody] = [detail] }, detail: detail, title: "Malformed JSON");
    }

    public static IResult TooLarge(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large", detail: detail);

    public static IResult TooManyItems(int count, int max) => TooLarge(
        $"The body holds {count} items; at most {max} are accepted per request. Split it into several requests.");

    public static IResult UnsupportedMediaType(string? contentType) => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported media type",
        detail: $"Content-Type '{contentType ?? "(none)"}' is not accepted; send application/json, application/x-ndjson or text/csv.");

    /// <summary>An endpoint that takes other types than the request's (e.g. application/json only).</summary>
    public static IResult UnsupportedMediaType(string? contentType, IReadOnlyList<string> accepted) => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported media type",
        detail: $"Content-Type '{contentType ?? "(none)"}' is not accepted here; send {string.Join(" or ", accepted)}.");

    /// <summary>A 403 for something no key may read (a private group, an anonymous answer), saying why.</summary>
    public static IResult Forbidden(string title, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: title, detail: detail);

    public static IResult NotFound(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static IResult Unavailable(string detail, TimeSpan retryAfter, HttpContext context)
    {
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable", detail: detail);
    }

    /// <summary>A validation problem for one query-string or body field.</summary>
    public static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Invalid request", detail: $"{field} {message}");
}
