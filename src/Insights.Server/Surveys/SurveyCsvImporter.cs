using Insights.Domain.Surveys;
using Insights.Warehouse.Surveys;

namespace Insights.Server.Surveys;

/// <summary>
/// Answers collected by another survey tool, from its CSV export (upload or the recurring import):
/// each respondent is hashed like a link's, and the answers take the same write path. Re-importing
/// the same export stores nothing new that counts: the metric keeps one answer per respondent and campaign.
/// </summary>
public sealed class SurveyCsvImporter(SurveyKeys keys, CampaignStore campaigns, NpsResponseWriter writer, TimeProvider clock)
{
    public const string CsvSource = "csv";
    private const int Chunk = 10_000;

    /// <param name="campaign">The campaign every record belongs to (upload), or null to read it from each record's <c>campaign</c> column (import).</param>
    /// <exception cref="FormatException">The text is not CSV at all.</exception>
    public async Task<SurveyImportResult> ImportAsync(TextReader csv, SurveyCampaign? campaign, CancellationToken cancellationToken)
    {
        var (rows, rejected) = SurveyCsv.Read(csv, clock.GetUtcNow().UtcDateTime);
        var hash = await keys.RespondentHasherAsync(cancellationToken);
        var known = new Dictionary<string, SurveyCampaign?>(StringComparer.OrdinalIgnoreCase);
        var answers = new List<NpsAnswer>(rows.Count);
        foreach (var row in rows)
        {
            var target = campaign;
            if (campaign is not null && row.Campaign is { } named && !Names(campaign, named))
            {
                rejected.Add(new SurveyCsvRejection(row.Index, Error("campaign", $"names '{named}', not this campaign ({campaign.Name}).")));
                continue;
            }

            if (campaign is null)
            {
                if (row.Campaign is null)
                {
                    rejected.Add(new SurveyCsvRejection(row.Index, Error("campaign", "is required (the campaign's id or name).")));
                    continue;
                }

                if (!known.TryGetValue(row.Campaign, out target))
                {
                    target = await campaigns.FindAsync(row.Campaign, cancellationToken);
                    known[row.Campaign] = target;
                }

                if (target is null)
                {
                    rejected.Add(new SurveyCsvRejection(row.Index, Error("campaign", $"'{row.Campaign}' is not a known campaign id or name.")));
                    continue;
                }
            }

            answers.Add(NpsAnswer.For(target!, CsvSource, hash(row.Respondent), row.Team, row.Score, row.Comment, row.AnsweredAt));
        }

        foreach (var chunk in answers.Chunk(Chunk))
        {
            await writer.WriteAsync(chunk, cancellationToken);
        }

        return new SurveyImportResult(answers.Count, [.. rejected.OrderBy(r => r.Index)]);
    }

    private static bool Names(SurveyCampaign campaign, string named) =>
        string.Equals(campaign.Name, named, StringComparison.OrdinalIgnoreCase) || (Guid.TryParse(named, out var id) && id == campaign.Id);

    private static Dictionary<string, string[]> Error(string field, string reason) => new(StringComparer.Ordinal) { [field] = [reason] };
}
