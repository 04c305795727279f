using System.Text.Json;
using Insights.Domain.Events;
using Insights.Ingest.Connectors;
using static Insights.Ingest.Connectors.VendorJson;

namespace Insights.Ingest.Jira;

/// <summary>
/// Jira issues → incidents (created → started_at, resolutiondate → resolved_at, the severity field →
/// severity, component or label → catalog service, the issue's page → url) and → provisioning requests
/// (channel <c>ticket</c>; ready when the issue is done, cancelled when it is done with a resolution that
/// means "not done", such as Won't Do). An issue that lacks what we need is a <see cref="SourceItemException"/>
/// naming the field, so it goes to the quarantine instead of stopping the sync.
/// </summary>
public static class JiraMapper
{
    /// <summary>Our incident fields → where Jira keeps them, for the quarantine's messages.</summary>
    public static IReadOnlyDictionary<string, string> IncidentFields(string severityField) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["id"] = "key",
        ["title"] = "fields.summary",
        ["started_at"] = "fields.created",
        ["resolved_at"] = "fields.resolutiondate",
        ["severity"] = "fields." + severityField,
        ["service"] = "fields.components",
    };

    public static readonly IReadOnlyDictionary<string, string> ProvisioningFields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["id"] = "key",
        ["resource_type"] = "fields.issuetype.name",
        ["requested_at"] = "fields.created",
        ["ready_at"] = "fields.resolutiondate",
        ["status"] = "fields.status.name",
        ["team"] = "fields.components",
    };

    public static Incident ToIncident(JsonElement issue, JiraOptions options, CatalogLookup catalog)
    {
        var key = Key(issue);
        var tags = Tags(issue).ToList();
        return new Incident(key, catalog.ServiceForJira(tags) ?? tags.FirstOrDefault() ?? "unassigned", Text(issue, "fields", "summary") ?? key, RequiredTime(issue, JiraDate.Parse, "fields", "created"))
        {
            Source = options.Name,
            ResolvedAt = Time(issue, JiraDate.Parse, "fields", "resolutiondate"),
            Severity = Severity(issue, options.SeverityField),
            ChangeRelated = Labels(issue).Contains(options.NotChangeRelatedLabel, StringComparer.OrdinalIgnoreCase) ? false : null,
            Url = Page(options, key),
        };
    }

    public static ProvisioningRequest ToProvisioningRequest(JsonElement issue, JiraOptions options, CatalogLookup catalog)
    {
        var done = Text(issue, "fields", "status", "statusCategory", "key") == "done";
        var resolution = Text(issue, "fields", "resolution", "name");
        var notDone = done && resolution is not null
            && (options.NotDoneResolutions ?? JiraOptions.DefaultNotDoneResolutions).Contains(resolution, StringComparer.OrdinalIgnoreCase);
        var components = Components(issue).ToList();
        var service = catalog.ServiceForJira(Tags(issue));
        return new ProvisioningRequest(Key(issue), Text(issue, "fields", "issuetype", "name") ?? "ticket", RequiredTime(issue, JiraDate.Parse, "fields", "created"), ProvisioningRequest.Ticket)
        {
            Source = options.Name,
            Service = service,
            Team = service is null ? components.FirstOrDefault() : null,
            // The metric leaves cancelled requests out of "pending"; a Won't Do ticket was never made ready.
            ReadyAt = done && !notDone ? Time(issue, JiraDate.Parse, "fields", "resolutiondate") : null,
            Status = notDone ? "cancelled" : Text(issue, "fields", "status", "name"),
        };
    }

    /// <summary>The issue's key, else its id; an issue with neither cannot be named, let alone quarantined by name.</summary>
    public static string Key(JsonElement issue) => Text(issue, "key") ?? Text(issue, "id") ?? throw new SourceItemException("key", "is missing.");

    /// <summary>The key for the quarantine, even for an issue without one (its content's hash, stable across runs).</summary>
    public static string KeyOrHash(JsonElement issue)
    {
        try
        {
            return Key(issue);
        }
        catch (SourceItemException)
        {
            return "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(issue.GetRawText())))[..16];
        }
    }

    /// <summary>When the issue last changed, or null when that cannot be read (the item is quarantined for its own reasons).</summary>
    public static DateTime? Updated(JsonElement issue)
    {
        try
        {
            return Time(issue, JiraDate.Parse, "fields", "updated");
        }
        catch (SourceItemException)
        {
            return null;
        }
    }

    /// <summary>The severity field's value: an option (<c>{"value": "Sev 1"}</c>), a priority (<c>{"name": "High"}</c>), text, or the first of a list.</summary>
    private static string? Severity(JsonElement issue, string field)
    {
        if (Find(issue, "fields", field) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            value = value.EnumerateArray().FirstOrDefault();
        }

        return value.ValueKind switch
        {
            JsonValueKind.Object => Text(value, "value") ?? Text(value, "name"),
            JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : null,
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            _ => throw new SourceItemException("fields." + field, "must be an option, a priority or text."),
        };
    }

    private static string? Page(JiraOptions options, string key) =>
        Uri.TryCreate(options.BaseUrl.TrimEnd('/') + "/browse/" + Uri.EscapeDataString(key), UriKind.Absolute, out var page) ? page.ToString() : null;

    private static IEnumerable<string> Tags(JsonElement issue) => Components(issue).Concat(Labels(issue));

    private static IEnumerable<string> Components(JsonElement issue) =>
        Items(issue, "fields", "components").Select(c => c.ValueKind == JsonValueKind.Object ? Text(c, "name") : null).OfType<string>();

    private static IEnumerable<string> Labels(JsonElement issue) =>
        Items(issue, "fields", "labels").Select(l => l.ValueKind == JsonValueKind.String ? l.GetString() : null).OfType<string>();
}
