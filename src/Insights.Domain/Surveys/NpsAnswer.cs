namespace Insights.Domain.Surveys;

/// <summary>
/// One answer as the warehouse stores it (table <c>nps_responses</c>): the respondent only as a keyed
/// hash, the team for grouping, and the campaign's audience sizes and anonymity threshold at the time
/// (0 = unknown), so the metric needs nothing outside ClickHouse.
/// </summary>
public sealed record NpsAnswer(
    string Source,
    Guid Campaign,
    string Respondent,
    string Team,
    int Score,
    string Comment,
    DateTime AnsweredAt,
    int AudienceSize,
    int TeamAudienceSize,
    int AnonymityThreshold)
{
    public const int MaxCommentLength = 2000;

    public static NpsAnswer For(SurveyCampaign campaign, string source, string respondentHash, string team, int score, string? comment, DateTime answeredAt)
    {
        var canonical = campaign.CanonicalTeam(team.Trim());
        return new NpsAnswer(
            source,
            campaign.Id,
            respondentHash,
            canonical,
            score,
            comment?.Trim() ?? string.Empty,
            answeredAt,
            campaign.EffectiveAudienceSize ?? 0,
            campaign.TeamAudienceSize(canonical) ?? 0,
            campaign.AnonymityThreshold);
    }

    /// <summary>promoter (9–10), passive (7–8) or detractor (0–6).</summary>
    public static string Category(int score) => score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
}
