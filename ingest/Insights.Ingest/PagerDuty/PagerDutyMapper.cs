using System.Globalization;
using System.Text.Json;
using Insights.Domain.Events;
using Insights.Ingest.Connectors;

namespace Insights.Ingest.PagerDuty;

/// <summary>
/// A PagerDuty incident (REST v2, or a v3 webhook's incident data) → an incident. The service is the
/// catalog service whose <c>pagerduty_service_id</c> is the incident's service, else PagerDuty's own name
/// for it. Source <c>pagerduty</c> for both paths, so a webhook and a sync update the same incident.
/// </summary>
public static class PagerDutyMapper
{
    public const string Source = "pagerduty";

    public static Incident ToIncident(JsonElement incident, CatalogLookup catalog, DateTime? resolvedFallback = null)
    {
        var service = incident.GetProperty("service");
        var serviceId = Text(service, "id") ?? "";
        var status = Text(incident, "status");
        var resolved = Time(incident, "resolved_at")
            ?? (status == "resolved" ? Time(incident, "last_status_change_at") ?? resolvedFallback : null);
        return new Incident(
            Text(incident, "id")!,
            catalog.ServiceForPagerDuty(serviceId) ?? Text(service, "summary") ?? serviceId,
            Text(incident, "title") ?? Text(incident, "summary") ?? "(untitled)",
            Time(incident, "created_at")!.Value)
        {
            Source = Source,
            ResolvedAt = status == "resolved" ? resolved : null,
            Severity = incident.TryGetProperty("priority", out var priority) && priority.ValueKind == JsonValueKind.Object
                ? Text(priority, "summary") ?? Text(priority, "name")
                : Text(incident, "urgency"),
        };
    }

    public static bool IsOpen(JsonElement incident) => Text(incident, "status") != "resolved";

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTime? Time(JsonElement element, string property) =>
        Text(element, property) is { } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).UtcDateTime
            : null;
}
