using System.Globalization;
using System.Text.Json;
using Insights.Domain.Events;
using Insights.Ingest.Connectors;
using Insights.Warehouse.Ingest;

namespace Insights.Ingest.PagerDuty;

/// <summary>
/// A PagerDuty v3 webhook delivery (signature already verified): <c>{"event": {event_type, resource_type,
/// occurred_at, data}}</c>. Incident events write the incident as PagerDuty now describes it; a resolution
/// is dated by the event's <c>occurred_at</c> (v3 incident data carries no resolved_at). An event that
/// occurred before the last one applied to its incident (a trigger delivered after the resolution) is
/// dropped (<see cref="WebhookOrderGate"/>).
/// </summary>
public sealed class PagerDutyWebhookHandler(EventIngestor ingestor, CatalogLookupCache catalog, WebhookOrderGate order)
{
    /// <returns>True when the delivery was an incident event, not older than the last one applied, and was stored.</returns>
    public async Task<bool> HandleAsync(JsonElement delivery, CancellationToken cancellationToken)
    {
        if (!delivery.TryGetProperty("event", out var e)
            || e.GetProperty("resource_type").GetString() != "incident"
            || e.GetProperty("data") is not { ValueKind: JsonValueKind.Object } data)
        {
            return false;
        }

        var occurred = DateTimeOffset.Parse(e.GetProperty("occurred_at").GetString()!, CultureInfo.InvariantCulture).UtcDateTime;
        var lookup = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        var incident = PagerDutyMapper.ToIncident(data, lookup, resolvedFallback: occurred);
        return await order.ApplyAsync("pagerduty-incident", incident.Id, new WebhookOrder(0, occurred, 0), async ct =>
        {
            var result = await ingestor.IngestRecordsAsync(EventKind.Incidents, [incident], ct).ConfigureAwait(false);
            return result.Accepted == 1;
        }, cancellationToken).ConfigureAwait(false);
    }
}
