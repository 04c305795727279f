using System.Text.Json;
using Insights.Server.Surveys;
using Insights.Warehouse.Intake;
using Microsoft.Extensions.Options;
using Insights.Server.OpenApi;

namespace Insights.Server.Apis;

/// <summary>
/// What respondents reach without an API key (their link is their credential): the survey page
/// <c>/s/{token}</c> (and its plain-form POST), its assets and the widget, and
/// <c>POST /api/v1/surveys/responses</c>. A link that is forged, expired or for a closed survey gets a
/// clear page or problem, never a stack trace.
/// </summary>
public static class SurveyPagesApi
{
    private const int MaxAnswerBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapSurveyPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/s").AllowAnonymous().ExcludeFromDescription();
        pages.MapGet("/assets/survey.css", () => Asset("survey.css", "text/css; charset=utf-8", crossOrigin: false));
        pages.MapGet("/assets/survey.js", () => Asset("survey.js", "text/javascript; charset=utf-8", crossOrigin: false));
        pages.MapGet("/widget.js", () => Asset("widget.js", "text/javascript; charset=utf-8", crossOrigin: true));
        pages.MapGet("/{token}", ShowAsync);
        pages.MapPost("/{token}", AnswerFormAsync).RequireRateLimiting(Operations.RateLimitingServiceCollectionExtensions.SurveyAnswers);

        var api = app.MapGroup("/api/v1/surveys").AllowAnonymous().WithTags("Surveys");
        api.MapPost("/responses", AnswerAsync)
            .RequireRateLimiting(Operations.RateLimitingServiceCollectionExtensions.SurveyAnswers)
            .WithName("AnswerSurvey")
            .WithSummary("Answer a survey with a respondent link's token (no API key): {\"token\", \"score\": 0-10, \"comment\"}; a second answer replaces the first")
            .Produces<AnswerRecorded>(StatusCodes.Status202Accepted)
            .ProducesProblems(400, 403, 404, 410, 413, 503);
        api.MapMethods("/responses", ["OPTIONS"], (HttpContext context, IOptions<SurveyOptions> options) =>
            {
                SurveyHeaders.ApplyCors(context, options.Value);
                return TypedResults.NoContent();
            })
            .ExcludeFromDescription();
        return app;
    }

    private static IResult Asset(string name, string contentType, bool crossOrigin) => new AssetResult(SurveyAssets.Read(name), contentType, crossOrigin);

    private static async Task<IResult> ShowAsync(string token, HttpContext context, SurveyAnswers answers, IOptions<SurveyOptions> options, ILogger<SurveyAnswers> logger, CancellationToken ct)
    {
        var embed = IsEmbed(context.Request);
        SurveyHeaders.ApplyPage(context.Response, embed, options.Value);
        try
        {
            var link = await answers.CheckAsync(token, ct);
            return link.IsValid ? Html(SurveyPage.Question(link, token, embed), StatusCodes.Status200OK) : ErrorPage(link, embed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Unexpected(ex, embed, logger);
        }
    }

    /// <summary>The page's form without JavaScript: a plain POST of score and comment.</summary>
    private static async Task<IResult> AnswerFormAsync(string token, HttpContext context, SurveyAnswers answers, IOptions<SurveyOptions> options, ILogger<SurveyAnswers> logger, CancellationToken ct)
    {
        var embed = IsEmbed(context.Request);
        SurveyHeaders.ApplyPage(context.Response, embed, options.Value);
        try
        {
            var link = await answers.CheckAsync(token, ct);
            if (!link.IsValid)
            {
                return ErrorPage(link, embed);
            }

            if (!context.Request.HasFormContentType)
            {
                return Html(SurveyPage.Question(link, token, embed, "Please choose a score from 0 to 10."), StatusCodes.Status400BadRequest);
            }

            var form = await context.Request.ReadFormAsync(ct);
            int? score = int.TryParse(form["score"].ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : null;
            var comment = form["comment"].ToString();
            if (SurveyAnswers.Validate(score, comment) is { } problem)
            {
                var message = problem.Field == "score" ? "Please choose a score from 0 to 10." : "The comment is too long (at most 2,000 characters).";
                return Html(SurveyPage.Question(link, token, embed, message), StatusCodes.Status400BadRequest);
            }

            await answers.RecordAsync(link, score!.Value, comment, ct);
            return Html(SurveyPage.Thanks(embed), StatusCodes.Status200OK);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Unexpected(ex, embed, logger);
        }
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, SurveyAnswers answers, IOptions<SurveyOptions> options, CancellationToken ct)
    {
        SurveyHeaders.ApplyCors(context, options.Value);
        context.Response.Headers.CacheControl = "no-store";
        if (context.Request.ContentLength > MaxAnswerBytes)
        {
            return Problems.TooLarge($"An answer is at most {MaxAnswerBytes} bytes.");
        }

        JsonDocument document;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length > MaxAnswerBytes)
            {
                return Problems.TooLarge($"An answer is at most {MaxAnswerBytes} bytes.");
            }

            document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            return Problems.MalformedJson(ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Problems.BadRequest("The body must be a JSON object: {\"token\": \"...\", \"score\": 0-10, \"comment\": \"...\"}.");
            }

            var token = root.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (string.IsNullOrEmpty(token))
            {
                return Problems.Invalid("token", "is required (the respondent link's token).");
            }

            int? score = root.TryGetProperty("score", out var sc) ? Score(sc) : null;
            string? comment = null;
            if (root.TryGetProperty("comment", out var c) && c.ValueKind is not JsonValueKind.Null)
            {
                if (c.ValueKind != JsonValueKind.String)
                {
                    return Problems.Invalid("comment", "must be a string.");
                }

                comment = c.GetString();
            }

            if (SurveyAnswers.Validate(score, comment) is { } problem)
            {
                return Problems.Invalid(problem.Field, problem.Reason);
            }

            var link = await answers.CheckAsync(token, ct);
            if (!link.IsValid)
            {
                return TypedResults.Problem(
                    statusCode: link.StatusCode,
                    title: link.Title,
                    detail: "token " + link.Reason,
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["token"] = [link.Reason] } });
            }

            try
            {
                await answers.RecordAsync(link, score!.Value, comment, ct);
            }
            catch (SpoolFullException ex)
            {
                return Problems.Unavailable("Answers cannot be stored right now; please try again in a moment.", ex.RetryAfter, context);
            }

            return TypedResults.Json(new AnswerRecorded(true), statusCode: StatusCodes.Status202Accepted);
        }
    }

    private static bool IsEmbed(HttpRequest request) => request.Query["embed"] == "1";

    private static IResult ErrorPage(LinkCheck link, bool embed) => Html(SurveyPage.Error(link.Title, link.Message, embed), link.StatusCode);

    private static IResult Unexpected(Exception ex, bool embed, ILogger logger)
    {
        logger.LogError(ex, "The survey page failed");
        return Html(SurveyPage.Error("Something went wrong", "Your answer could not be handled right now. Please try the link again in a few minutes.", embed), StatusCodes.Status503ServiceUnavailable);
    }

    private static IResult Html(string html, int statusCode) => TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, statusCode);

    /// <summary>A static file from memory, cacheable for an hour; the widget may be loaded by any page.</summary>
    private sealed class AssetResult(byte[] bytes, string contentType, bool crossOrigin) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.CacheControl = "public, max-age=3600";
            headers.XContentTypeOptions = "nosniff";
            headers["Cross-Origin-Resource-Policy"] = crossOrigin ? "cross-origin" : "same-origin";
            if (crossOrigin)
            {
                headers.AccessControlAllowOrigin = "*";
            }

            httpContext.Response.ContentType = contentType;
            httpContext.Response.ContentLength = bytes.Length;
            await httpContext.Response.Body.WriteAsync(bytes);
        }
    }

    /// <summary>A whole number 0–10 as the API's bodies take numbers: 7, 7.0 or "7"; null when it is none (Validate says why).</summary>
    private static int? Score(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetDouble(out var number) && number == Math.Floor(number) && Math.Abs(number) <= 1000 => (int)number,
        JsonValueKind.String when int.TryParse(element.GetString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>The answer was stored (a later one from the same link replaces it).</summary>
    public sealed record AnswerRecorded(bool Recorded);
}
