using Insights.Domain.Surveys;
using Insights.Domain.Time;
using Insights.Warehouse.Surveys;

namespace Insights.Server.Surveys;

/// <summary>
/// Checks respondent links and records their answers (the survey page, its form without JavaScript,
/// the widget and the JSON API all come here). A second answer with the same link is stored too and
/// replaces the first when the metric is computed: only the latest answer per respondent counts.
/// </summary>
public sealed class SurveyAnswers(SurveyKeys keys, CampaignStore campaigns, NpsResponseWriter writer, TimeProvider clock)
{
    public const string LinkSource = "link";

    public async Task<LinkCheck> CheckAsync(string? token, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (status, decoded) = SurveyTokenCodec.Decode(token, await keys.TokenKeyAsync(cancellationToken), now);
        switch (status)
        {
            case SurveyTokenStatus.Forged:
                return LinkCheck.Forged();
            case SurveyTokenStatus.Expired:
                return LinkCheck.Expired();
        }

        var campaign = await campaigns.GetAsync(decoded!.Campaign, cancellationToken);
        if (campaign is null)
        {
            return LinkCheck.Unknown();
        }

        var campaignStatus = campaign.Status(now);
        return campaignStatus == "open" ? LinkCheck.Valid(decoded, campaign) : LinkCheck.Closed(campaign, campaignStatus);
    }

    /// <summary>Stores an answer for a link that <see cref="CheckAsync"/> found valid.</summary>
    public async Task RecordAsync(LinkCheck link, int score, string? comment, CancellationToken cancellationToken)
    {
        if (!link.IsValid)
        {
            throw new InvalidOperationException("Only a valid link can answer.");
        }

        var answer = NpsAnswer.For(link.Campaign!, LinkSource, link.Token!.Respondent, link.Token.Team, score, comment, WholeSeconds.Of(clock.GetUtcNow().UtcDateTime));
        await writer.WriteAsync([answer], cancellationToken);
    }

    /// <summary>Why a score or comment cannot be stored (field, reason), or null.</summary>
    public static (string Field, string Reason)? Validate(int? score, string? comment)
    {
        if (score is null or < 0 or > 10)
        {
            return ("score", "must be a whole number from 0 to 10.");
        }

        if (comment is { Length: > NpsAnswer.MaxCommentLength })
        {
            return ("comment", $"is longer than {NpsAnswer.MaxCommentLength} characters.");
        }

        return null;
    }
}
