using Insights.Reports;
using Insights.Reports.Content;
using Insights.Reports.Links;
using Insights.Reports.Storage;
using Insights.Reports.Weeks;
using Insights.Server.Auth;
using Insights.Server.Reports;
using Insights.Warehouse.Metrics;
using Microsoft.Extensions.Options;
using Insights.Server.OpenApi;

namespace Insights.Server.Apis;

/// <summary>
/// The weekly report archive: list and download (read scope — the PDFs hold the same figures as the
/// metrics API), generate now (admin). docs/reports.md describes the report.
/// </summary>
public static class ReportsApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports").WithTags("Reports");
        // Admin, as API.md says: a report carries developers' comments, which only admins read elsewhere
        // (GET /api/v1/surveys/{id}/comments); leadership receives its PDFs by e-mail.
        api.MapGet("/", ListAsync).RequireAuthorization(Scopes.Admin)
            .WithName("ListReports")
            .Produces<IReadOnlyList<StoredReport>>().ProducesProblems(400)
            .WithSummary("Stored weekly reports, newest week first (week, team, scope=organisation|team, limit)");
        api.MapGet("/{id:guid}.pdf", GetPdfAsync).RequireAuthorization(Scopes.Admin)
            .WithMetadata(new BasicChallenge("Platform Insights reports (password: an admin API key)"))
            .WithName("GetReportPdf")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf").ProducesProblems(404)
            .WithSummary("A stored report's PDF");
        // A signed link needs no key: it is the key (docs/reports.md "Links").
        api.MapGet("/{id:guid}/download", DownloadAsync).AllowAnonymous()
            .WithName("DownloadReport")
            .WithSummary("A report's PDF through a signed link (expires, signature) as listed or e-mailed; no API key")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf").ProducesProblems(403, 404, 410);
        api.MapPost("/link-key/rotate", RotateLinkKeyAsync).RequireAuthorization(Scopes.Admin)
            .WithName("RotateReportLinkKey")
            .WithSummary("Revoke every report link signed so far (a new signing key, at once on every instance)")
            .Produces<LinkKeyRotated>();
        api.MapPost("/", CreateAsync).RequireAuthorization(Scopes.Admin)
            .WithName("CreateReport")
            .Produces<CreateReportResponse>(StatusCodes.Status201Created).Produces<CreateReportResponse>().ProducesProblems(400, 415, 503, 504)
            .WithSummary("Make (or make again) the report of an ISO week for the organisation or a team");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, ReportStore store, ReportLinks links, CancellationToken ct)
    {
        var query = request.Query;
        IsoWeek? week = null;
        if (query["week"].ToString() is { Length: > 0 } weekText)
        {
            if (!IsoWeek.TryParse(weekText, out var parsed))
            {
                return Problems.Invalid("week", $"must be an ISO week like 2026-W13; got '{weekText}'.");
            }

            week = parsed;
        }

        var scope = query["scope"].ToString();
        if (scope.Length > 0 && scope is not (ReportScope.OrganisationKind or ReportScope.TeamKind))
        {
            return Problems.Invalid("scope", $"must be organisation or team; got '{scope}'.");
        }

        var team = query["team"].ToString().Trim();
        if (team.Length > 256)
        {
            return Problems.Invalid("team", "is longer than 256 characters.");
        }

        if (scope == ReportScope.OrganisationKind && team.Length > 0)
        {
            return Problems.Invalid("team", "cannot be combined with scope=organisation.");
        }

        var limit = DefaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } limitText && (!int.TryParse(limitText, out limit) || limit is < 1 or > MaxLimit))
        {
            return Problems.Invalid("limit", $"must be a whole number from 1 to {MaxLimit}; got '{limitText}'.");
        }

        return TypedResults.Ok(await WithLinksAsync(await store.ListAsync(week, team.Length > 0 ? team : null, scope.Length > 0 ? scope : null, limit, ct), links, ct));
    }

    private static async Task<IResult> GetPdfAsync(Guid id, HttpContext context, ReportStore store, CancellationToken ct)
    {
        if (await store.GetPdfAsync(id, ct) is not { } found)
        {
            return Problems.NotFound($"There is no report {id}.");
        }

        return Pdf(context, found.Report, found.Pdf);
    }

    private static async Task<IResult> DownloadAsync(Guid id, HttpContext context, ReportStore store, ReportLinks links, CancellationToken ct)
    {
        var query = context.Request.Query;
        switch (await links.CheckAsync(id, query["expires"], query["signature"], ct))
        {
            case ReportLinkCheck.Invalid:
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Link not valid",
                    detail: "This report link is not valid: it was changed, or report links were revoked since. Use the link of a newer report e-mail, or ask an admin for a fresh one.");
            case ReportLinkCheck.Expired:
                var expired = DateTimeOffset.FromUnixTimeSeconds(long.Parse(query["expires"]!, System.Globalization.CultureInfo.InvariantCulture)).UtcDateTime;
                return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Link expired",
                    detail: $"This report link expired at {expired:yyyy-MM-dd HH:mm} UTC. Use the link of a newer report e-mail, or ask an admin for a fresh one.");
        }

        if (await store.GetPdfAsync(id, ct) is not { } found)
        {
            return Problems.NotFound($"There is no report {id}.");
        }

        // The link is the credential: keep it out of shared caches.
        context.Response.Headers.CacheControl = "private, no-store";
        return Pdf(context, found.Report, found.Pdf);
    }

    private static IResult Pdf(HttpContext context, StoredReport report, byte[] pdf)
    {
        context.Response.Headers.ContentDisposition = $"inline; filename=\"{Insights.Reports.Delivery.ReportMailer.FileName(report)}\"";
        context.Response.Headers.ETag = $"\"{report.Sha256}\"";
        return TypedResults.Bytes(pdf, "application/pdf");
    }

    private static async Task<IResult> RotateLinkKeyAsync(ReportLinkKey key, CancellationToken ct) =>
        TypedResults.Ok(new LinkKeyRotated(await key.RotateAsync(ct)));

    private static async Task<IReadOnlyList<StoredReport>> WithLinksAsync(IEnumerable<StoredReport> reports, ReportLinks links, CancellationToken ct)
    {
        var list = reports.ToList();
        var signed = await links.ForListAsync(list.Select(r => r.Id), ct);
        return [.. list.Zip(signed, (report, link) => report with { DownloadUrl = link.Url, DownloadExpiresAt = link.ExpiresAt })];
    }

    /// <summary>Every report link signed before <paramref name="RotatedAt"/> is revoked.</summary>
    public sealed record LinkKeyRotated(DateTime RotatedAt);

    private static async Task<IResult> CreateAsync(
        CreateReportRequest? request, ReportGenerator generator, CatalogQueries catalog, ReportLinks links, IOptionsMonitor<ReportsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        request ??= new CreateReportRequest(null, null, null, null, null);
        var latest = IsoWeek.LastFull(clock.GetUtcNow(), options.CurrentValue.Zone);
        var week = latest;
        if (request.Week is { } weekText)
        {
            if (!IsoWeek.TryParse(weekText, out week))
            {
                return Problems.Invalid("week", $"must be an ISO week like {latest}; got '{weekText}'.");
            }

            if (week > latest)
            {
                return Problems.Invalid("week", $"{week} has not ended yet (in {options.CurrentValue.TimeZone}); the latest full week is {latest}.");
            }
        }

        var team = request.Team?.Trim();
        var scopeKind = request.Scope ?? (string.IsNullOrEmpty(team) ? ReportScope.OrganisationKind : ReportScope.TeamKind);
        if (scopeKind is not (ReportScope.OrganisationKind or ReportScope.TeamKind))
        {
            return Problems.Invalid("scope", $"must be organisation or team; got '{scopeKind}'.");
        }

        ReportScope scope;
        if (scopeKind == ReportScope.TeamKind)
        {
            if (string.IsNullOrEmpty(team))
            {
                return Problems.Invalid("team", "is required for scope team.");
            }

            var teams = await catalog.TeamNamesAsync(ct);
            if (!teams.Contains(team, StringComparer.Ordinal))
            {
                var known = string.Join(", ", teams.Take(20)) + (teams.Count > 20 ? ", …" : "");
                return Problems.Invalid("team", $"'{team}' is not a team of the catalog (teams: {(teams.Count == 0 ? "none yet" : known)}).");
            }

            if (request.PerTeam == true)
            {
                return Problems.Invalid("per_team", "is only for scope organisation.");
            }

            scope = ReportScope.ForTeam(team);
        }
        else
        {
            if (!string.IsNullOrEmpty(team))
            {
                return Problems.Invalid("team", "must be empty for scope organisation.");
            }

            scope = ReportScope.Organisation;
        }

        var deliver = request.Deliver ?? false;
        IReadOnlyList<GeneratedReport> made = request.PerTeam == true
            ? await generator.GenerateWeekAsync(week, perTeam: true, ReportTrigger.Api, replace: true, deliver, ct)
            : [await generator.GenerateAsync(week, scope, ReportTrigger.Api, replace: true, deliver, run: null, ct)];
        var body = new CreateReportResponse(week.ToString(), await WithLinksAsync(made.Select(m => m.Report), links, ct));
        return made[0].Created
            ? TypedResults.Created(made[0].Report.PdfUrl, body)
            : TypedResults.Ok(body);
    }
}
