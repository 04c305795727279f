namespace Insights.Domain.Surveys;

/// <summary>
/// One NPS survey campaign (kept in PostgreSQL): the question, who is asked, when, how many of them
/// (sampling ratio), how often one developer may be asked (re-ask lock) and the smallest group whose
/// results are shown (anonymity threshold).
/// </summary>
public sealed record SurveyCampaign(
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
    DateTime CreatedAt,
    DateTime? ClosedAt)
{
    public const string DefaultQuestion = "How likely are you to recommend our internal developer platform to a colleague?";
    public const string DefaultCommentPrompt = "What is the main reason for your score? (optional)";
    public const int DefaultReaskDays = 90;
    public const int DefaultAnonymityThreshold = 5;

    /// <summary><c>scheduled</c> (before its start), <c>open</c>, <c>ended</c> (past its end) or <c>closed</c> (by an admin).</summary>
    public string Status(DateTime now) =>
        ClosedAt is not null ? "closed"
        : now < StartsAt ? "scheduled"
        : EndsAt is { } end && now >= end ? "ended"
        : "open";

    public bool IsOpen(DateTime now) => Status(now) == "open";

    /// <summary>An empty audience means the whole organisation.</summary>
    public bool Includes(string team) =>
        Audience.Count == 0 || Audience.Any(a => string.Equals(a.Team, team, StringComparison.OrdinalIgnoreCase));

    /// <summary>The audience's spelling of a team (so that answers group under one name), or the team as given.</summary>
    public string CanonicalTeam(string team) =>
        Audience.FirstOrDefault(a => string.Equals(a.Team, team, StringComparison.OrdinalIgnoreCase))?.Team ?? team;

    /// <summary>How many developers the campaign asks, when known: the given total, else the sum of every team's size.</summary>
    public int? EffectiveAudienceSize =>
        AudienceSize ?? (Audience.Count > 0 && Audience.All(a => a.Size is not null) ? Audience.Sum(a => a.Size!.Value) : null);

    public int? TeamAudienceSize(string team) =>
        Audience.FirstOrDefault(a => string.Equals(a.Team, team, StringComparison.OrdinalIgnoreCase))?.Size;
}
