using System.Globalization;
using Insights.Domain.Csv;
using Insights.Domain.Time;

namespace Insights.Domain.Surveys;

/// <summary>
/// Reads a survey tool's CSV export: a header row naming <c>respondent</c> (or <c>email</c>,
/// <c>respondent_id</c>, <c>respondent_email</c>, <c>id</c>), <c>score</c> (0–10), <c>comment</c>,
/// <c>answered_at</c> (ISO 8601; without a zone it is UTC), <c>team</c> and <c>campaign</c> (id or name;
/// optional when the campaign is given otherwise). Each bad record is reported, the good ones kept.
/// </summary>
public static class SurveyCsv
{
    public static readonly IReadOnlyList<string> RespondentColumns = ["respondent", "email", "respondent_email", "respondent_id", "id"];

    private static readonly string[] TimeFormats =
        ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];

    /// <exception cref="FormatException">The text is not CSV at all (e.g. an unclosed quote).</exception>
    public static (List<SurveyCsvRow> Rows, List<SurveyCsvRejection> Rejected) Read(TextReader reader, DateTime now)
    {
        var rows = new List<SurveyCsvRow>();
        var rejected = new List<SurveyCsvRejection>();
        foreach (var record in CsvTable.Read(reader))
        {
            if (record.Values is not { } values)
            {
                rejected.Add(new SurveyCsvRejection(record.Index, new Dictionary<string, string[]> { ["$"] = [record.Error!] }));
                continue;
            }

            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var respondent = RespondentColumns.Select(c => values.GetValueOrDefault(c)?.Trim()).FirstOrDefault(v => !string.IsNullOrEmpty(v));
            if (respondent is null)
            {
                errors["respondent"] = [$"is required (a column named one of {string.Join(", ", RespondentColumns)})."];
            }
            else if (respondent.Length > 256)
            {
                errors["respondent"] = ["is longer than 256 characters."];
            }

            var scoreText = values.GetValueOrDefault("score")?.Trim() ?? string.Empty;
            if (!int.TryParse(scoreText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var score) || score is < 0 or > 10)
            {
                errors["score"] = [scoreText.Length == 0 ? "is required." : $"must be a whole number from 0 to 10; got '{scoreText}'."];
            }

            var comment = values.GetValueOrDefault("comment")?.Trim() ?? string.Empty;
            if (comment.Length > NpsAnswer.MaxCommentLength)
            {
                errors["comment"] = [$"is longer than {NpsAnswer.MaxCommentLength} characters."];
            }

            var answeredText = values.GetValueOrDefault("answered_at")?.Trim() ?? string.Empty;
            DateTime answeredAt = default;
            if (answeredText.Length == 0)
            {
                errors["answered_at"] = ["is required."];
            }
            else if (!DateTimeOffset.TryParseExact(answeredText, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                errors["answered_at"] = [$"must be an ISO 8601 time (e.g. 2026-03-02T14:05:00Z); got '{answeredText}'."];
            }
            else if (parsed.UtcDateTime > now.AddDays(1) || parsed.Year < 2000)
            {
                errors["answered_at"] = [$"is not a plausible answer time: {answeredText}."];
            }
            else
            {
                answeredAt = WholeSeconds.Of(parsed.UtcDateTime);
            }

            var team = values.GetValueOrDefault("team")?.Trim() ?? string.Empty;
            if (team.Length > 256)
            {
                errors["team"] = ["is longer than 256 characters."];
            }

            var campaign = values.GetValueOrDefault("campaign")?.Trim();
            if (errors.Count > 0)
            {
                rejected.Add(new SurveyCsvRejection(record.Index, errors));
                continue;
            }

            rows.Add(new SurveyCsvRow(record.Index, respondent!, score, comment, answeredAt, team, string.IsNullOrEmpty(campaign) ? null : campaign));
        }

        return (rows, rejected);
    }
}
