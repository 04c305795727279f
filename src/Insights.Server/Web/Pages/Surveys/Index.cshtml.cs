using System.Globalization;
using Insights.Domain.Surveys;
using Insights.Server.Apis;
using Insights.Server.Surveys;
using Insights.Warehouse.Surveys;
using Microsoft.AspNetCore.Mvc;

namespace Insights.Server.Web.Pages.Surveys;

/// <summary>Survey campaigns (admins): the list with each one's answer count, and the form that creates one (the API's rules).</summary>
public sealed class SurveysModel(CampaignStore store, SurveyQueries queries, TimeProvider clock) : WebPageModel
{
    private IReadOnlyDictionary<Guid, long> _answers = new Dictionary<Guid, long>();

    public IReadOnlyList<SurveyCampaign> Campaigns { get; private set; } = [];

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public string? Error { get; private set; }

    public string? ErrorField { get; private set; }

    public CampaignForm Form { get; private set; } = new();

    public long Answers(Guid campaign) => _answers.GetValueOrDefault(campaign);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync([FromForm] CampaignForm form, CancellationToken ct)
    {
        Form = form;
        var (request, parseError) = form.ToRequest();
        var problem = parseError ?? SurveysApi.Validate(request, MinimumGroupSize);
        if (problem is { } invalid)
        {
            return await FailAsync(invalid.Field, invalid.Reason, ct);
        }

        var campaign = SurveysApi.NewCampaign(request, MinimumGroupSize, Now);
        if (!await store.CreateAsync(campaign, ct))
        {
            return await FailAsync("name", $"is taken by another campaign (“{campaign.Name}”).", ct);
        }

        return Redirect($"/surveys/{campaign.Id}?created=1");
    }

    private async Task<IActionResult> FailAsync(string field, string reason, CancellationToken ct)
    {
        (ErrorField, Error) = (field, $"The campaign was not created: {FieldLabel(field)} {reason}");
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static string FieldLabel(string field) => field switch
    {
        "name" => "the name",
        "ends_at" => "the end date",
        "anonymity_threshold" => "the anonymity threshold",
        "question" => "the question",
        "comment_prompt" => "the comment prompt",
        _ when field.StartsWith("audience", StringComparison.Ordinal) => $"the teams asked ({field})",
        _ => field,
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        Campaigns = await store.ListAsync(ct);
        _answers = await queries.AnswerCountsAsync(Campaigns.Select(c => c.Id).ToList(), ct);
    }

    /// <summary>The create form as posted; turned into the API's request so that the same rules apply.</summary>
    public sealed class CampaignForm
    {
        [FromForm(Name = "name")]
        public string? Name { get; set; }

        [FromForm(Name = "question")]
        public string? Question { get; set; }

        [FromForm(Name = "comment_prompt")]
        public string? CommentPrompt { get; set; }

        [FromForm(Name = "ends_at")]
        public string? EndsAt { get; set; }

        [FromForm(Name = "anonymity_threshold")]
        public string? AnonymityThreshold { get; set; }

        [FromForm(Name = "audience")]
        public string? Audience { get; set; }

        public (SurveysApi.CreateCampaignRequest Request, (string Field, string Reason)? Error) ToRequest()
        {
            DateTime? ends = null;
            if (!string.IsNullOrWhiteSpace(EndsAt))
            {
                if (!DateOnly.TryParseExact(EndsAt.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    return (Empty, ("ends_at", $"must be a date YYYY-MM-DD; got '{EndsAt}'."));
                }

                // The campaign runs through its last day.
                ends = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            }

            int? threshold = null;
            if (!string.IsNullOrWhiteSpace(AnonymityThreshold))
            {
                if (!int.TryParse(AnonymityThreshold.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var k))
                {
                    return (Empty, ("anonymity_threshold", $"must be a whole number; got '{AnonymityThreshold}'."));
                }

                threshold = k;
            }

            var audience = new List<SurveysApi.AudienceRequest>();
            var lines = (Audience ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i < lines.Length; i++)
            {
                var parts = lines[i].Split(',', 2, StringSplitOptions.TrimEntries);
                int? size = null;
                if (parts.Length == 2 && parts[1].Length > 0)
                {
                    if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    {
                        return (Empty, ($"audience[{i}].size", $"must be a whole number (line {i + 1}: '{lines[i]}')."));
                    }

                    size = n;
                }

                audience.Add(new SurveysApi.AudienceRequest(parts[0], size));
            }

            return (new SurveysApi.CreateCampaignRequest(Name, Question, CommentPrompt, audience, null, null, ends, null, null, threshold), null);
        }

        private static SurveysApi.CreateCampaignRequest Empty => new(null, null, null, null, null, null, null, null, null, null);
    }
}
