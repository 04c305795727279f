using System.Text.Json;
using Insights.Domain.Events;
using Insights.Ingest.Connectors;
using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Ingest;
using Microsoft.Extensions.Logging;

namespace Insights.Ingest.PagerDuty;

/// <summary>
/// A PagerDuty v3 webhook delivery (signature already verified): <c>{"event": {event_type, resource_type,
/// occurred_at, data}}</c>. Incident events write the incident as PagerDuty now describes it, through
/// <see cref="PagerDutyMapper"/> like the sync. A resolution is dated by the event's <c>occurred_at</c>
/// (v3 incident data carries no resolved_at), and so is an acknowledgement; later events carry no
/// acknowledgement, so the first one stored for the incident is kept. An event that occurred before the
/// last one applied to its incident (a trigger delivered after the resolution) is dropped
/// (<see cref="WebhookOrderGate"/>).
/// </summary>
public sealed class PagerDutyWebhookHandler(
    EventIngestor ingestor,
    CatalogLookupCache catalog,
    WebhookOrderGate order,
    ClickHouseClient clickHouse,
    ILogger<PagerDutyWebhookHandler> logger)
{
    /// <returns>True when the delivery was an incident event, not older than the last one applied, and was stored.</returns>
    public async Task<bool> HandleAsync(JsonElement delivery, CancellationToken cancellationToken)
    {
        if (delivery.ValueKind != JsonValueKind.Object
            || !delivery.TryGetProperty("event", out var e)
            || VendorJson.Text(e, "resource_type") != "incident"
            || VendorJson.Find(e, "data") is not { ValueKind: JsonValueKind.Object } data)
        {
            return false;
        }

        Incident incident;
        DateTime occurred;
        try
        {
            occurred = VendorJson.RequiredTime(e, VendorJson.Iso, "occurred_at");
            var acknowledged = VendorJson.Text(e, "event_type") == "incident.acknowledged" ? occurred : (DateTime?)null;
            if (PagerDutyMapper.Status(data) is "acknowledged" or "resolved" && VendorJson.Text(data, "id") is { } id
                && await StoredAcknowledgementAsync(id, cancellationToken).ConfigureAwait(false) is { } stored
                && (acknowledged is null || stored < acknowledged))
            {
                acknowledged = stored;
            }

            var lookup = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
            incident = PagerDutyMapper.ToIncident(data, lookup, acknowledged, resolvedFallback: occurred);
        }
        catch (SourceItemException ex)
        {
            logger.LogWarning("A PagerDuty delivery could not be read: {Field} {Reason}", ex.Field, ex.Reason);
            return false;
        }

        return await order.ApplyAsync("pagerduty-incident", incident.Id, new WebhookOrder(0, occurred, 0), async ct =>
        {
            var result = await ingestor.IngestRecordsAsync(EventKind.Incidents, [incident], ct).ConfigureAwait(false);
            if (result.Rejected.Count > 0)
            {
                logger.LogWarning("A PagerDuty delivery for incident {Incident} did not map to a valid incident: {Errors}", incident.Id,
                    string.Join("; ", result.Rejected[0].Errors.Select(er => $"{er.Key} {string.Join(' ', er.Value)}")));
            }

            return result.Accepted == 1;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first acknowledgement stored for the incident (by an earlier delivery or a sync), if any.</summary>
    private async Task<DateTime?> StoredAcknowledgementAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var rows = await clickHouse.QueryAsync<Acknowledgement>(
                $"SELECT min(acknowledged_at) AS acknowledged_at FROM incidents WHERE source = {SqlLiteral.String(PagerDutyMapper.Source)} AND id = {SqlLiteral.String(id)}",
                cancellationToken).ConfigureAwait(false);
            return rows.FirstOrDefault()?.AcknowledgedAt;
        }
        catch (Exception ex) when (ex is ClickHouseException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The warehouse is away: the delivery is stored without it, and the next sync reads it from PagerDuty.
            logger.LogWarning("Could not read incident {Incident}'s stored acknowledgement ({Error})", id, ex.Message);
            return null;
        }
    }

    private sealed record Acknowledgement(DateTime? AcknowledgedAt);
}
