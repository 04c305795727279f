using System.Globalization;
using System.Text.Json;
using Insights.Domain.Surveys;
using Insights.Warehouse.Buffers;
using Insights.Warehouse.Intake;

namespace Insights.Warehouse.Surveys;

/// <summary>
/// The one write path for NPS answers, whoever collected them (the survey page, the widget, a CSV
/// upload or import, the demo): rows go into the durable spool like every event, and from there into
/// <c>nps_responses</c>. Acknowledged answers survive a restart or a ClickHouse outage.
/// </summary>
public sealed class NpsResponseWriter(EventSpool spool, IngestVersion versions, TimeProvider clock)
{
    public const string Table = "nps_responses";

    /// <exception cref="SpoolFullException">The spool is at its size limit; nothing was stored.</exception>
    public async Task WriteAsync(IReadOnlyCollection<NpsAnswer> answers, CancellationToken cancellationToken = default)
    {
        if (answers.Count == 0)
        {
            return;
        }

        var receivedAt = clock.GetUtcNow().UtcDateTime;
        using var buffer = new PooledBufferWriter(Math.Max(4096, answers.Count * 256));
        await using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            foreach (var answer in answers)
            {
                writer.WriteStartObject();
                writer.WriteString("source", answer.Source);
                writer.WriteString("campaign", answer.Campaign.ToString("D"));
                writer.WriteString("respondent", answer.Respondent);
                writer.WriteString("team", answer.Team);
                writer.WriteNumber("score", answer.Score);
                writer.WriteString("comment", answer.Comment);
                writer.WriteString("answered_at", Format(answer.AnsweredAt));
                writer.WriteNumber("audience_size", Math.Max(0, answer.AudienceSize));
                writer.WriteNumber("team_audience_size", Math.Max(0, answer.TeamAudienceSize));
                writer.WriteNumber("anonymity_threshold", answer.AnonymityThreshold);
                writer.WriteString("received_at", Format(receivedAt));
                writer.WriteNumber("_version", versions.Next());
                writer.WriteEndObject();
                writer.Flush();
                buffer.Write("\n"u8);
                writer.Reset();
            }
        }

        await spool.AppendAsync(Table, buffer.WrittenMemory, answers.Count, cancellationToken).ConfigureAwait(false);
    }

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
