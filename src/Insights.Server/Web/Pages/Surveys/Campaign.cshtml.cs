using System.Text;
using Insights.Domain.Surveys;
using Insights.Domain.Time;
using Insights.Server.Surveys;
using Insights.Warehouse.Surveys;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Insights.Server.Web.Pages.Surveys;

/// <summary>One campaign (admins): its answer count, respondent links from a CSV upload, a preview of the page and widget, and closing it.</summary>
public sealed class CampaignModel(CampaignStore store, SurveyQueries queries, LinkIssuer issuer, IOptions<SurveyOptions> options, TimeProvider clock) : WebPageModel
{
    private const long MaxCsvBytes = 32 * 1024 * 1024;

    public SurveyCampaign Campaign { get; private set; } = null!;

    public long Answers { get; private set; }

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public string BaseUrl => !string.IsNullOrWhiteSpace(options.Value.PublicUrl) ? options.Value.PublicUrl.TrimEnd('/') : $"{Request.Scheme}://{Request.Host}{Request.PathBase}";

    public async Task OnGetAsync(Guid id, [FromQuery] string? created, [FromQuery] string? closed, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Message = created is not null ? "The campaign was created. Issue its respondent links below."
            : closed is not null ? "The campaign is closed: its links no longer accept answers."
            : null;
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await store.CloseAsync(id, WholeSeconds.Of(Now), ct);
        return Redirect($"/surveys/{id}?closed=1");
    }

    /// <summary>The links CSV as a download; a bad file gets the page back with what was wrong (nothing issued).</summary>
    public async Task<IActionResult> OnPostLinksAsync(Guid id, IFormFile? csv, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var status = Campaign.Status(Now);
        if (status is "closed" or "ended")
        {
            return Fail($"The campaign is {status}: no more links can be issued.");
        }

        if (csv is null || csv.Length == 0)
        {
            return Fail("Choose a CSV file with a header row (developer, team).");
        }

        if (csv.Length > MaxCsvBytes)
        {
            return Fail($"The file is {csv.Length} bytes; the limit is {MaxCsvBytes}.");
        }

        string text;
        using (var reader = new StreamReader(csv.OpenReadStream(), Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(ct);
        }

        IReadOnlyList<IssuedLink> links;
        try
        {
            links = await issuer.IssueAsync(Campaign, new StringReader(text), BaseUrl, ct);
        }
        catch (FormatException ex)
        {
            return Fail("The file is not usable CSV: " + ex.Message);
        }

        Response.Headers.CacheControl = "no-store";
        var name = string.Concat(Campaign.Name.Select(c => char.IsLetterOrDigit(c) ? c : '-')).Trim('-');
        return File(Encoding.UTF8.GetBytes(LinkIssuer.ToCsv(links)), "text/csv; charset=utf-8", $"links-{(name.Length == 0 ? "campaign" : name)}.csv");
    }

    private PageResult Fail(string error)
    {
        Error = error + " No link was issued.";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Campaign = await store.GetAsync(id, ct) ?? throw WebProblem.NotFound($"There is no survey campaign {id}.");
        Answers = (await queries.AnswerCountsAsync([id], ct)).GetValueOrDefault(id);
    }
}
