using Dapper;
using Insights.Domain.Demo;
using Insights.Domain.Events;
using Insights.Domain.Surveys;
using Insights.Server.Surveys;
using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Intake;
using Insights.Warehouse.Surveys;
using Npgsql;

namespace Insights.Server.Demo;

/// <summary>
/// Loads the demo organisation through the real ingest path (validation, spool, ClickHouse).
/// Once a day at most: a load is recorded in PostgreSQL under its end date, and a newer load
/// first removes the older demo rows, so re-running never duplicates anything.
/// </summary>
public sealed class DemoLoader(
    EventIngestor ingestor,
    SpoolFlusher flusher,
    ClickHouseClient clickHouse,
    NpgsqlDataSource postgres,
    CampaignStore campaigns,
    SurveyKeys surveyKeys,
    NpsResponseWriter npsWriter,
    TimeProvider clock,
    ILogger<DemoLoader> logger)
{
    private const int Chunk = 10_000;

    public async Task<bool> LoadIfNeededAsync(int scale, CancellationToken cancellationToken)
    {
        var end = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var connection = await postgres.OpenConnectionAsync(cancellationToken);
        var loaded = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM demo_loads WHERE anchor = @end AND scale = @scale", new { end, scale }, cancellationToken: cancellationToken));
        if (loaded > 0)
        {
            logger.LogInformation("The demo organisation for {End} is already loaded", end);
            return false;
        }

        await RemoveEarlierDemoAsync(cancellationToken);
        var organisation = new DemoOrganisation(end, scale: scale);
        var campaign = organisation.SurveyCampaign();
        await campaigns.UpsertAsync(campaign, cancellationToken);
        var hash = await surveyKeys.RespondentHasherAsync(cancellationToken);
        long events = 0;
        foreach (var batch in organisation.Generate())
        {
            // Answers take the survey write path (hashed respondent, campaign sizes), like the survey page's.
            await npsWriter.WriteAsync(
                batch.SurveyAnswers.Select(a => NpsAnswer.For(campaign, DemoOrganisation.Source, hash(a.Respondent), a.Team, a.Score, a.Comment, a.AnsweredAt)).ToList(),
                cancellationToken);
            events += await IngestAsync(EventKind.Services, batch.Services, cancellationToken);
            events += await IngestAsync(EventKind.Engineers, batch.Engineers, cancellationToken);
            events += await IngestAsync(EventKind.Deployments, batch.Deployments, cancellationToken);
            events += await IngestAsync(EventKind.PullRequests, batch.PullRequests, cancellationToken);
            events += await IngestAsync(EventKind.Incidents, batch.Incidents, cancellationToken);
            events += await IngestAsync(EventKind.ProvisioningRequests, batch.ProvisioningRequests, cancellationToken);
        }

        await flusher.FlushAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO demo_loads (anchor, scale, events) VALUES (@end, @scale, @events) ON CONFLICT (anchor) DO UPDATE SET scale = @scale, events = @events, loaded_at = now()",
            new { end, scale, events }, cancellationToken: cancellationToken));
        logger.LogInformation("Loaded the demo organisation ({Events} events, {Start} to {End})", events, organisation.Start, end);
        return true;
    }

    private async Task<long> IngestAsync<T>(EventKind kind, List<T> records, CancellationToken cancellationToken)
    {
        long accepted = 0;
        foreach (var chunk in records.Chunk(Chunk))
        {
            var result = await ingestor.IngestRecordsAsync(kind, chunk, cancellationToken);
            if (result.Rejected.Count > 0)
            {
                var first = result.Rejected[0];
                throw new InvalidOperationException(
                    $"The demo generator produced an invalid {kind} item #{first.Index}: {string.Join("; ", first.Errors.Select(e => $"{e.Key} {string.Join(' ', e.Value)}"))}");
            }

            accepted += result.Accepted;
        }

        return accepted;
    }

    private async Task RemoveEarlierDemoAsync(CancellationToken cancellationToken)
    {
        foreach (var name in EventKinds.All.Select(k => k.Table()).Append(NpsResponseWriter.Table))
        {
            var table = SqlLiteral.Identifier(name);
            var rows = await clickHouse.QueryScalarAsync<long>($"SELECT count() FROM {table} WHERE source = {SqlLiteral.String(DemoOrganisation.Source)}", cancellationToken);
            if (rows > 0)
            {
                // A mutation: it rewrites only the parts that exist now, so the new load is untouched.
                await clickHouse.ExecuteAsync($"ALTER TABLE {table} DELETE WHERE source = {SqlLiteral.String(DemoOrganisation.Source)}", cancellationToken);
            }
        }
    }
}
