using System.Text.Json;
using Insights.Domain.Events;
using Insights.Ingest.Connectors;
using Insights.Warehouse.Intake;
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
            // Its first acknowledgement stays first: the warehouse keeps the earliest (partials/incidents_latest.sql).
            var acknowledged = VendorJson.Text(e, "event_type") == "incident.acknowledged" ? occurred : (DateTime?)null;
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
}
