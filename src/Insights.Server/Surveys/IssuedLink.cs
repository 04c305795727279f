namespace Insights.Server.Surveys;

/// <summary>
/// One developer of a links request and what happened: <c>issued</c> (with its link), <c>not_sampled</c>
/// (outside the campaign's sampling ratio), <c>asked_recently</c> (answered a survey within the re-ask
/// lock), <c>not_in_audience</c> (a team the campaign does not ask) or <c>invalid</c> (see the reason).
/// </summary>
public sealed record IssuedLink(string Developer, string Team, string Status, string? Link, DateTime? ExpiresAt, string? Reason);
