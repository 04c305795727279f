using System.Text.Json;
using Insights.Domain.Events;
using Insights.Ingest.Connectors;
using static Insights.Ingest.Connectors.VendorJson;

namespace Insights.Ingest.PagerDuty;

/// <summary>
/// A PagerDuty incident (REST v2, or a v3 webhook's incident data) → an incident. The service is the
/// catalog service whose <c>pagerduty_service_id</c> is the incident's service, else PagerDuty's own name
/// for it; severity is the priority (P1…) when the account uses priorities, else the urgency (high/low);
/// number, page and teams come along. Source <c>pagerduty</c> for both paths, so a webhook and a sync
/// update the same incident.
/// </summary>
public static class PagerDutyMapper
{
    public const string Source = "pagerduty";

    /// <summary>Our incident fields → where PagerDuty keeps them, for the quarantine's messages.</summary>
    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["started_at"] = "created_at",
        ["resolved_at"] = "resolved_at",
        ["acknowledged_at"] = "acknowledge_log_entry.created_at",
        ["title"] = "title",
        ["service"] = "service",
        ["url"] = "html_url",
        ["number"] = "incident_number",
        ["teams"] = "teams",
    };

    public static Incident ToIncident(JsonElement incident, CatalogLookup catalog, DateTime? acknowledgedAt = null, DateTime? resolvedFallback = null)
    {
        var serviceId = Text(incident, "service", "id") ?? "";
        var status = Text(incident, "status");
        var resolved = Time(incident, Iso, "resolved_at")
            ?? (status == "resolved" ? Time(incident, Iso, "last_status_change_at") ?? resolvedFallback : null);
        return new Incident(
            RequiredText(incident, "id"),
            catalog.ServiceForPagerDuty(serviceId) ?? Text(incident, "service", "summary") ?? (serviceId.Length > 0 ? serviceId : throw new SourceItemException("service", "is missing.")),
            Text(incident, "title") ?? Text(incident, "summary") ?? "(untitled)",
            RequiredTime(incident, Iso, "created_at"))
        {
            Source = Source,
            ResolvedAt = status == "resolved" ? resolved : null,
            AcknowledgedAt = acknowledgedAt,
            Severity = Text(incident, "priority", "summary") ?? Text(incident, "priority", "name") ?? Text(incident, "urgency"),
            // REST v2 says incident_number, v3 webhooks say number.
            Number = WholeNumber(incident, "incident_number") ?? WholeNumber(incident, "number"),
            Url = Text(incident, "html_url"),
            Teams = Items(incident, "teams").Select(t => t.ValueKind == JsonValueKind.Object ? Text(t, "summary") ?? Text(t, "name") : null).OfType<string>().ToList() is { Count: > 0 } teams ? teams : null,
        };
    }

    public static string? Status(JsonElement incident) => Text(incident, "status");

    public static bool IsOpen(JsonElement incident) => Text(incident, "status") != "resolved";

    /// <summary>The earliest of an acknowledged incident's current acknowledgements (empty once it is resolved or triggered again).</summary>
    public static DateTime? CurrentAcknowledgement(JsonElement incident) =>
        Items(incident, "acknowledgements").Select(a => a.ValueKind == JsonValueKind.Object ? Time(a, Iso, "at") : null).Where(t => t is not null).Min();

    /// <summary>The incident's id, else a stable hash of it (for the quarantine).</summary>
    public static string KeyOrHash(JsonElement incident) =>
        incident.ValueKind == JsonValueKind.Object && incident.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } text
            ? text
            : "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(incident.GetRawText())))[..16];
}
