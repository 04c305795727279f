using Insights.Server.Surveys;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Insights.Server.Web.Pages.Surveys;

/// <summary>The survey page exactly as a respondent sees it, with the survey's own CSP; its form records nothing (no valid token).</summary>
public sealed class PreviewModel(CampaignStore store, IOptions<SurveyOptions> options) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var campaign = await store.GetAsync(id, ct) ?? throw WebProblem.NotFound($"There is no survey campaign {id}.");
        SurveyHeaders.ApplyPage(Response, embed: false, options.Value);
        var link = new LinkCheck(null, campaign, StatusCodes.Status200OK, "", "", "");
        return Content(SurveyPage.Question(link, "preview", embed: false), "text/html; charset=utf-8");
    }
}
