using System.Text;
using Insights.Domain.Metrics;
using Insights.Domain.Surveys;
using Insights.Domain.Time;
using Insights.Server.Auth;
using Insights.Server.Surveys;
using Insights.Warehouse.Intake;
using Insights.Warehouse.Surveys;
using Microsoft.Extensions.Options;
using Insights.Server.OpenApi;

namespace Insights.Server.Apis;

/// <summary>
/// Survey campaigns (admin scope): create, list, close; respondent links for a list of developers
/// (CSV in and out); answers collected by another tool (CSV upload); comments of groups at or above
/// the anonymity threshold. The NPS itself is the metric <c>GET /api/v1/metrics/nps?campaign={id}</c>.
/// </summary>
public static class SurveysApi
{
    private const int MaxCsvBytes = 32 * 1024 * 1024;

    public static IEndpointRouteBuilder MapSurveysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/surveys").RequireAuthorization(Scopes.Admin).WithTags("Surveys");
        api.MapPost("/", CreateAsync).WithName("CreateSurvey").WithSummary("Create a survey campaign")
            .Produces<CampaignResponse>(StatusCodes.Status201Created).ProducesProblems(400, 409, 415);
        api.MapGet("/", ListAsync).WithName("ListSurveys").WithSummary("Every campaign, with its status and how many developers answered")
            .Produces<IReadOnlyList<CampaignResponse>>();
        api.MapGet("/{id:guid}", GetAsync).WithName("GetSurvey").Produces<CampaignResponse>().ProducesProblems(404);
        api.MapPost("/{id:guid}/close", CloseAsync).WithName("CloseSurvey").WithSummary("Close a campaign: its links stop accepting answers")
            .Produces<CampaignResponse>().ProducesProblems(404);
        api.MapMethods("/{id:guid}/links", ["GET", "POST"], LinksAsync)
            .WithName("IssueSurveyLinks")
            .WithSummary("Issue respondent links: CSV in (developer, team), CSV out (developer, team, status, link, expires_at, reason)")
            .Accepts<string>("text/csv", "text/plain")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblems(400, 404, 409, 413, 415);
        api.MapPost("/{id:guid}/responses", UploadAsync)
            .WithName("UploadSurveyResponses")
            .WithSummary("Answers collected by another survey tool: CSV with respondent, score, comment, answered_at, team[, campaign]")
            .Accepts<string>("text/csv", "text/plain")
            .Produces<IngestApi.IngestResponse>(StatusCodes.Status202Accepted)
            .ProducesProblems(400, 404, 413, 415, 503);
        api.MapGet("/{id:guid}/comments", CommentsAsync)
            .WithName("GetSurveyComments")
            .WithSummary("Comments, grouped by team, only for groups at or above the anonymity threshold")
            .Produces<CommentsResponse>().ProducesProblems(404, 503, 504);
        return app;
    }

    private static async Task<IResult> CreateAsync(CreateCampaignRequest? request, CampaignStore store, IOptionsMonitor<MetricsOptions> metrics, TimeProvider clock, CancellationToken ct)
    {
        if (request is null)
        {
            return Problems.BadRequest("The body must be a JSON object describing the campaign (at least its name).");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var minimum = metrics.CurrentValue.MinimumGroupSize;
        if (Validate(request, minimum) is { } problem)
        {
            return Problems.Invalid(problem.Field, problem.Reason);
        }

        var campaign = NewCampaign(request, minimum, now);
        if (!await store.CreateAsync(campaign, ct))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: $"A campaign named '{campaign.Name}' exists already.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["name"] = ["is taken by another campaign."] } });
        }

        return TypedResults.Created($"/api/v1/surveys/{campaign.Id}", CampaignResponse.From(campaign, now, answers: 0));
    }

    /// <summary>The campaign a valid request describes (the web app's survey form makes the same one).</summary>
    internal static SurveyCampaign NewCampaign(CreateCampaignRequest request, int minimumGroupSize, DateTime now)
    {
        var startsAt = request.StartsAt?.ToUniversalTime() ?? now;
        return new SurveyCampaign(
            Guid.NewGuid(),
            request.Name!.Trim(),
            string.IsNullOrWhiteSpace(request.Question) ? SurveyCampaign.DefaultQuestion : request.Question.Trim(),
            string.IsNullOrWhiteSpace(request.CommentPrompt) ? SurveyCampaign.DefaultCommentPrompt : request.CommentPrompt.Trim(),
            (request.Audience ?? []).Select(a => new AudienceTeam(a.Team!.Trim(), a.Size)).ToList(),
            request.AudienceSize,
            WholeSeconds.Of(startsAt),
            request.EndsAt is { } end ? WholeSeconds.Of(end.ToUniversalTime()) : null,
            request.SamplingRatio ?? 1,
            request.ReaskDays ?? SurveyCampaign.DefaultReaskDays,
            request.AnonymityThreshold ?? Math.Max(SurveyCampaign.DefaultAnonymityThreshold, minimumGroupSize),
            WholeSeconds.Of(now),
            null);
    }

    /// <summary>The first thing wrong with a campaign request: its field and why (the web app's form checks the same).</summary>
    internal static (string Field, string Reason)? Validate(CreateCampaignRequest request, int minimumGroupSize)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return ("name", "is required.");
        }

        if (request.Name.Trim().Length > 200)
        {
            return ("name", "is longer than 200 characters.");
        }

        if (Guid.TryParse(request.Name, out _))
        {
            return ("name", "must not look like an id (exports name campaigns by id or name).");
        }

        if (request.Question is { Length: > 500 })
        {
            return ("question", "is longer than 500 characters.");
        }

        if (request.CommentPrompt is { Length: > 500 })
        {
            return ("comment_prompt", "is longer than 500 characters.");
        }

        var audience = request.Audience ?? [];
        for (var i = 0; i < audience.Count; i++)
        {
            var team = audience[i].Team?.Trim();
            if (string.IsNullOrEmpty(team))
            {
                return ($"audience[{i}].team", "is required.");
            }

            if (Encoding.UTF8.GetByteCount(team) > SurveyTokenCodec.MaxTeamBytes)
            {
                return ($"audience[{i}].team", $"is longer than {SurveyTokenCodec.MaxTeamBytes} bytes.");
            }

            if (audience.Take(i).Any(a => string.Equals(a.Team?.Trim(), team, StringComparison.OrdinalIgnoreCase)))
            {
                return ($"audience[{i}].team", $"names '{team}' a second time.");
            }

            if (audience[i].Size is < 1 or > 1_000_000)
            {
                return ($"audience[{i}].size", "must be a whole number from 1 to 1,000,000 (or absent when unknown).");
            }
        }

        if (request.AudienceSize is < 1 or > 10_000_000)
        {
            return ("audience_size", "must be a whole number from 1 to 10,000,000 (or absent when unknown).");
        }

        if (request.EndsAt is { } end && end.ToUniversalTime() <= (request.StartsAt?.ToUniversalTime() ?? DateTime.MinValue))
        {
            return ("ends_at", "must be after starts_at.");
        }

        if (request.SamplingRatio is { } ratio && (double.IsNaN(ratio) || ratio <= 0 || ratio > 1))
        {
            return ("sampling_ratio", "must be more than 0 and at most 1 (1 = ask everyone).");
        }

        if (request.ReaskDays is < 0 or > 3650)
        {
            return ("reask_days", "must be a whole number of days from 0 to 3650.");
        }

        if (request.AnonymityThreshold is { } threshold && (threshold < minimumGroupSize || threshold > 100))
        {
            return ("anonymity_threshold", $"must be from {minimumGroupSize} (metrics.minimum_group_size) to 100.");
        }

        return null;
    }

    private static async Task<IResult> ListAsync(CampaignStore store, SurveyQueries queries, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var campaigns = await store.ListAsync(ct);
        var answers = await AnswerCountsAsync(queries, campaigns.Select(c => c.Id).ToList(), ct);
        return TypedResults.Ok(campaigns.Select(c => CampaignResponse.From(c, now, AnswersOf(answers, c.Id))));
    }

    private static async Task<IResult> GetAsync(Guid id, CampaignStore store, SurveyQueries queries, TimeProvider clock, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } campaign)
        {
            return NoCampaign(id);
        }

        var answers = await AnswerCountsAsync(queries, [id], ct);
        return TypedResults.Ok(CampaignResponse.From(campaign, clock.GetUtcNow().UtcDateTime, AnswersOf(answers, id)));
    }

    /// <summary>
    /// How many developers answered each campaign: a count only, shown whatever the anonymity threshold. Campaigns
    /// live in PostgreSQL and answers in ClickHouse; while ClickHouse cannot be read the campaigns are still
    /// listed, with <c>answers: null</c>.
    /// </summary>
    private static async Task<IReadOnlyDictionary<Guid, long>?> AnswerCountsAsync(SurveyQueries queries, IReadOnlyCollection<Guid> campaigns, CancellationToken ct)
    {
        try
        {
            return await queries.AnswerCountsAsync(campaigns, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Insights.Warehouse.ClickHouse.ClickHouseException)
        {
            return null;
        }
    }

    private static long? AnswersOf(IReadOnlyDictionary<Guid, long>? counts, Guid campaign) =>
        counts is null ? null : counts.GetValueOrDefault(campaign);

    private static async Task<IResult> CloseAsync(Guid id, CampaignStore store, SurveyQueries queries, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await store.CloseAsync(id, WholeSeconds.Of(now), ct) && await store.GetAsync(id, ct) is null)
        {
            return NoCampaign(id);
        }

        var answers = await AnswerCountsAsync(queries, [id], ct);
        return TypedResults.Ok(CampaignResponse.From((await store.GetAsync(id, ct))!, now, AnswersOf(answers, id)));
    }

    private static async Task<IResult> LinksAsync(Guid id, HttpContext context, CampaignStore store, LinkIssuer issuer, IOptions<SurveyOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } campaign)
        {
            return NoCampaign(id);
        }

        var status = campaign.Status(clock.GetUtcNow().UtcDateTime);
        if (status is "closed" or "ended")
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: $"The campaign is {status}: no more links can be issued.");
        }

        var (text, problem) = await ReadCsvAsync(context.Request, ct);
        if (problem is not null)
        {
            return problem;
        }

        IReadOnlyList<IssuedLink> links;
        try
        {
            links = await issuer.IssueAsync(campaign, new StringReader(text!), BaseUrl(context.Request, options.Value), ct);
        }
        catch (FormatException ex)
        {
            return Problems.BadRequest("The body is not valid CSV: " + ex.Message);
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Text(LinkIssuer.ToCsv(links), "text/csv; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<IResult> UploadAsync(Guid id, HttpContext context, CampaignStore store, SurveyCsvImporter importer, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } campaign)
        {
            return NoCampaign(id);
        }

        var (text, problem) = await ReadCsvAsync(context.Request, ct);
        if (problem is not null)
        {
            return problem;
        }

        SurveyImportResult result;
        try
        {
            result = await importer.ImportAsync(new StringReader(text!), campaign, ct);
        }
        catch (FormatException ex)
        {
            return Problems.BadRequest("The body is not valid CSV: " + ex.Message);
        }
        catch (SpoolFullException ex)
        {
            return Problems.Unavailable("Answers cannot be stored right now (the warehouse is unreachable and the spool is full); nothing was stored.", ex.RetryAfter, context);
        }

        var rejected = result.Rejected.Select(r => new IngestApi.RejectedResponse(r.Index, r.Errors.ToDictionary(e => e.Key, e => e.Value))).ToList();
        if (result.Accepted == 0 && rejected.Count > 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "No valid answers",
                detail: $"All {rejected.Count} record(s) were rejected; see 'rejected' for each record's field errors.",
                extensions: new Dictionary<string, object?> { ["accepted"] = 0, ["rejected"] = rejected });
        }

        return TypedResults.Json(new IngestApi.IngestResponse(result.Accepted, rejected), statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> CommentsAsync(Guid id, CampaignStore store, SurveyQueries queries, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is null)
        {
            return NoCampaign(id);
        }

        var groups = await queries.CommentsAsync(id, ct);
        return TypedResults.Ok(new CommentsResponse(
            id,
            groups.FirstOrDefault()?.MinimumGroupSize,
            groups.Select(g => new CommentGroupResponse(g.GroupTeam.Length == 0 ? null : g.GroupTeam, g.Respondents, g.Comments)).ToList()));
    }

    private static async Task<(string? Text, IResult? Problem)> ReadCsvAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentType is { } type && !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.UnsupportedMediaType(type));
        }

        if (request.ContentLength > MaxCsvBytes)
        {
            return (null, Problems.TooLarge($"The body is {request.ContentLength} bytes; the limit is {MaxCsvBytes}."));
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[64 * 1024];
        var text = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), ct)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxCsvBytes)
            {
                return (null, Problems.TooLarge($"The body is larger than {MaxCsvBytes} bytes."));
            }
        }

        return text.Length == 0
            ? (null, Problems.BadRequest("The body is empty; send CSV with a header row."))
            : (text.ToString(), null);
    }

    private static string BaseUrl(HttpRequest request, SurveyOptions options) =>
        !string.IsNullOrWhiteSpace(options.PublicUrl) ? options.PublicUrl.TrimEnd('/') : $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static IResult NoCampaign(Guid id) => Problems.NotFound($"There is no survey campaign {id}.");

    public sealed record CreateCampaignRequest(
        string? Name,
        string? Question,
        string? CommentPrompt,
        IReadOnlyList<AudienceRequest>? Audience,
        int? AudienceSize,
        DateTime? StartsAt,
        DateTime? EndsAt,
        double? SamplingRatio,
        int? ReaskDays,
        int? AnonymityThreshold);

    public sealed record AudienceRequest(string? Team, int? Size);

    public sealed record CampaignResponse(
        Guid Id,
        string Name,
        string Question,
        string CommentPrompt,
        IReadOnlyList<AudienceTeam> Audience,
        int? AudienceSize,
        DateTime StartsAt,
        DateTime? EndsAt,
        double SamplingRatio,
        int ReaskDays,
        int AnonymityThreshold,
        string Status,
        long? Answers,
        DateTime CreatedAt,
        DateTime? ClosedAt,
        string Results)
    {
        /// <param name="answers">How many developers answered so far (null: the warehouse could not be read).</param>
        public static CampaignResponse From(SurveyCampaign c, DateTime now, long? answers) => new(
            c.Id, c.Name, c.Question, c.CommentPrompt, c.Audience, c.EffectiveAudienceSize, c.StartsAt, c.EndsAt, c.SamplingRatio, c.ReaskDays,
            c.AnonymityThreshold, c.Status(now), answers, c.CreatedAt, c.ClosedAt, $"/api/v1/metrics/nps?campaign={c.Id}");
    }

    public sealed record CommentsResponse(Guid Campaign, long? MinimumGroupSize, IReadOnlyList<CommentGroupResponse> Groups);

    /// <param name="Team">The team, or null for every other answer together (teams below the threshold and answers without a team).</param>
    public sealed record CommentGroupResponse(string? Team, long Respondents, IReadOnlyList<string> Comments);
}
