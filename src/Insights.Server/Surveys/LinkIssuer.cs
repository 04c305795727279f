using Insights.Domain.Csv;
using Insights.Domain.Surveys;
using Insights.Domain.Time;
using Insights.Warehouse.Surveys;
using Microsoft.Extensions.Options;

namespace Insights.Server.Surveys;

/// <summary>
/// Issues respondent links for a list of developers, honouring the campaign's audience, its sampling
/// ratio (a deterministic draw per developer: the same list gives the same sample) and the re-ask lock
/// (nobody who answered any survey within the campaign's re-ask days is asked again).
/// </summary>
public sealed class LinkIssuer(SurveyKeys keys, SurveyQueries queries, IOptions<SurveyOptions> options, TimeProvider clock)
{
    public const int MaxDevelopers = 50_000;

    public static readonly IReadOnlyList<string> DeveloperColumns = ["developer", "email", "respondent", "id"];

    /// <summary>Reads the developers (CSV with a header: developer or email, and team) and issues their links.</summary>
    /// <exception cref="FormatException">The text is not CSV, or has too many rows.</exception>
    public async Task<IReadOnlyList<IssuedLink>> IssueAsync(SurveyCampaign campaign, TextReader csv, string baseUrl, CancellationToken cancellationToken)
    {
        var developers = new List<(string Developer, string Team, string? Problem)>();
        foreach (var record in CsvTable.Read(csv))
        {
            if (developers.Count == MaxDevelopers)
            {
                throw new FormatException($"At most {MaxDevelopers} developers per request.");
            }

            if (record.Values is not { } values)
            {
                developers.Add((string.Empty, string.Empty, record.Error));
                continue;
            }

            var developer = DeveloperColumns.Select(c => values.GetValueOrDefault(c)?.Trim()).FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? string.Empty;
            var team = values.GetValueOrDefault("team")?.Trim() ?? string.Empty;
            var problem = developer.Length == 0 ? $"developer is required (a column named one of {string.Join(", ", DeveloperColumns)})."
                : developer.Length > 256 ? "developer is longer than 256 characters."
                : System.Text.Encoding.UTF8.GetByteCount(team) > SurveyTokenCodec.MaxTeamBytes ? $"team is longer than {SurveyTokenCodec.MaxTeamBytes} bytes."
                : null;
            developers.Add((developer, team, problem));
        }

        var hash = await keys.RespondentHasherAsync(cancellationToken);
        var hashes = developers.Select(d => d.Problem is null ? hash(d.Developer) : string.Empty).ToList();
        var lastAnswers = await queries.LastAnswersAsync(hashes.Where(h => h.Length > 0).ToList(), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var expiresAt = ExpiryFor(campaign, now);
        var key = await keys.TokenKeyAsync(cancellationToken);
        var links = new List<IssuedLink>(developers.Count);
        for (var i = 0; i < developers.Count; i++)
        {
            var (developer, team, problem) = developers[i];
            var canonicalTeam = campaign.CanonicalTeam(team);
            if (problem is not null)
            {
                links.Add(new IssuedLink(developer, team, "invalid", null, null, problem));
            }
            else if (!campaign.Includes(team))
            {
                links.Add(new IssuedLink(developer, team, "not_in_audience", null, null, $"The campaign asks {string.Join(", ", campaign.Audience.Select(a => a.Team))}."));
            }
            else if (!SurveySampling.IsSampled(campaign.Id, hashes[i], campaign.SamplingRatio))
            {
                links.Add(new IssuedLink(developer, canonicalTeam, "not_sampled", null, null, null));
            }
            else if (lastAnswers.TryGetValue(hashes[i], out var last) && now - last < TimeSpan.FromDays(campaign.ReaskDays))
            {
                links.Add(new IssuedLink(developer, canonicalTeam, "asked_recently", null, null, $"Answered a survey less than {campaign.ReaskDays} days ago."));
            }
            else
            {
                var token = SurveyTokenCodec.Encode(new SurveyToken(campaign.Id, hashes[i], canonicalTeam, expiresAt), key);
                links.Add(new IssuedLink(developer, canonicalTeam, "issued", baseUrl.TrimEnd('/') + "/s/" + token, expiresAt, null));
            }
        }

        return links;
    }

    /// <summary>Links last <c>surveys.link_ttl_days</c> from the campaign's opening, never past its end.</summary>
    public DateTime ExpiryFor(SurveyCampaign campaign, DateTime now)
    {
        var opens = campaign.StartsAt > now ? campaign.StartsAt : now;
        var expiry = opens.AddDays(options.Value.LinkTtlDays);
        expiry = campaign.EndsAt is { } end && end < expiry ? end : expiry;
        return WholeSeconds.Of(expiry);
    }

    public static string ToCsv(IEnumerable<IssuedLink> links)
    {
        var text = new System.Text.StringBuilder(CsvFormat.Line("developer", "team", "status", "link", "expires_at", "reason"));
        foreach (var link in links)
        {
            text.Append(CsvFormat.Line(
                link.Developer,
                link.Team,
                link.Status,
                link.Link,
                link.ExpiresAt?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                link.Reason));
        }

        return text.ToString();
    }
}
