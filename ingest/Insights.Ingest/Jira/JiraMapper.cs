using System.Text.Json;
using Insights.Domain.Events;
using Insights.Ingest.Connectors;

namespace Insights.Ingest.Jira;

/// <summary>
/// Jira issues → incidents (created → started_at, resolutiondate → resolved_at, component or label →
/// catalog service) and → provisioning requests (channel <c>ticket</c>; ready when the issue is done).
/// </summary>
public static class JiraMapper
{
    public static Incident ToIncident(JsonElement issue, string source, CatalogLookup catalog, string notChangeRelatedLabel)
    {
        var fields = issue.GetProperty("fields");
        var tags = Tags(fields).ToList();
        return new Incident(Key(issue), catalog.ServiceForJira(tags) ?? tags.FirstOrDefault() ?? "unassigned", Text(fields, "summary") ?? Key(issue), JiraDate.Parse(Text(fields, "created"))!.Value)
        {
            Source = source,
            ResolvedAt = JiraDate.Parse(Text(fields, "resolutiondate")),
            Severity = Nested(fields, "priority", "name"),
            ChangeRelated = Labels(fields).Contains(notChangeRelatedLabel, StringComparer.OrdinalIgnoreCase) ? false : null,
        };
    }

    public static ProvisioningRequest ToProvisioningRequest(JsonElement issue, string source, CatalogLookup catalog)
    {
        var fields = issue.GetProperty("fields");
        var done = Nested(fields, "status", "statusCategory", "key") == "done";
        var components = Components(fields).ToList();
        var service = catalog.ServiceForJira(Tags(fields));
        return new ProvisioningRequest(Key(issue), Nested(fields, "issuetype", "name") ?? "ticket", JiraDate.Parse(Text(fields, "created"))!.Value, ProvisioningRequest.Ticket)
        {
            Source = source,
            Service = service,
            Team = service is null ? components.FirstOrDefault() : null,
            ReadyAt = done ? JiraDate.Parse(Text(fields, "resolutiondate")) : null,
            Status = Nested(fields, "status", "name"),
        };
    }

    public static DateTime? Updated(JsonElement issue) => JiraDate.Parse(Text(issue.GetProperty("fields"), "updated"));

    private static string Key(JsonElement issue) => issue.GetProperty("key").GetString()!;

    private static IEnumerable<string> Tags(JsonElement fields) => Components(fields).Concat(Labels(fields));

    private static IEnumerable<string> Components(JsonElement fields) =>
        fields.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array
            ? components.EnumerateArray().Select(c => Text(c, "name")).OfType<string>()
            : [];

    private static IEnumerable<string> Labels(JsonElement fields) =>
        fields.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Array
            ? labels.EnumerateArray().Select(l => l.GetString()).OfType<string>()
            : [];

    private static string? Nested(JsonElement element, params string[] path)
    {
        foreach (var step in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(step, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    private static string? Text(JsonElement element, string property) => Nested(element, property);
}
