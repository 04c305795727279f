using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Insights.Domain.Events;
using Insights.Domain.Json;
using Insights.Domain.Validation;
using Insights.Ingest.Connectors;
using static Insights.Ingest.Connectors.VendorJson;

namespace Insights.Ingest.Backstage;

/// <summary>
/// Backstage entities → the catalog. A component → a service: owner team from <c>spec.owner</c> (a group is
/// a team, named with its namespace unless that is <c>default</c>; a user's team is resolved by the caller),
/// system from <c>spec.system</c> and that system's domain, repository from <c>github.com/project-slug</c>,
/// PagerDuty service from <c>pagerduty.com/service-id</c>, Jira component from <c>jira/component</c>,
/// golden-path template from <c>backstage.io/source-template</c>, production environments from our own
/// annotation <c>insights/production-environments</c> (comma-separated). A group → a team: display name
/// from <c>spec.profile.displayName</c>, parent from <c>spec.parent</c>.
/// </summary>
public static class BackstageMapper
{
    public const string Unowned = "unowned";

    public static readonly IReadOnlyDictionary<string, string> ServiceFields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["name"] = "metadata.name",
        ["team"] = "spec.owner",
        ["system"] = "spec.system",
        ["lifecycle"] = "spec.lifecycle",
        ["pagerduty_service_id"] = "metadata.annotations[\"pagerduty.com/service-id\"]",
        ["jira_component"] = "metadata.annotations[\"jira/component\"]",
        ["golden_path_template"] = "metadata.annotations[\"backstage.io/source-template\"]",
        ["production_environments"] = "metadata.annotations[\"insights/production-environments\"]",
    };

    public static readonly IReadOnlyDictionary<string, string> TeamFields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["name"] = "metadata.name",
        ["display_name"] = "spec.profile.displayName",
        ["parent"] = "spec.parent",
    };

    /// <summary>The entity's own reference (<c>component:default/ledger</c>).</summary>
    public static EntityRef Reference(JsonElement entity) =>
        new((Text(entity, "kind") ?? "component").ToLowerInvariant(), Text(entity, "metadata", "namespace") ?? EntityRef.DefaultNamespace, RequiredText(entity, "metadata", "name"));

    /// <summary>The reference for the quarantine, even for an entity without a name (its content's hash, stable across runs).</summary>
    public static string KeyOrHash(JsonElement entity)
    {
        try
        {
            return Reference(entity).Key;
        }
        catch (SourceItemException)
        {
            return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(entity.GetRawText())))[..16];
        }
    }

    /// <summary>The component's owner as a reference (a group unless it says otherwise, in the component's namespace unless it says otherwise).</summary>
    public static EntityRef Owner(JsonElement component) =>
        EntityRef.Parse(RequiredText(component, "spec", "owner"), "group", Text(component, "metadata", "namespace") ?? EntityRef.DefaultNamespace);

    /// <summary>The component's system, if it names one.</summary>
    public static EntityRef? SystemOf(JsonElement component) =>
        Text(component, "spec", "system") is { } system ? EntityRef.Parse(system, "system", Text(component, "metadata", "namespace") ?? EntityRef.DefaultNamespace) : null;

    /// <summary>A system's domain, if it names one.</summary>
    public static EntityRef? DomainOf(JsonElement system) =>
        Text(system, "spec", "domain") is { } domain ? EntityRef.Parse(domain, "domain", Text(system, "metadata", "namespace") ?? EntityRef.DefaultNamespace) : null;

    /// <summary>The groups a user is a direct member of: its <c>memberOf</c> relations, else <c>spec.memberOf</c>.</summary>
    public static IReadOnlyList<EntityRef> MemberOf(JsonElement user)
    {
        var ns = Text(user, "metadata", "namespace") ?? EntityRef.DefaultNamespace;
        var related = Items(user, "relations")
            .Where(r => r.ValueKind == JsonValueKind.Object && string.Equals(Text(r, "type"), "memberOf", StringComparison.OrdinalIgnoreCase))
            .Select(r => Text(r, "targetRef"))
            .OfType<string>()
            .Select(r => EntityRef.Parse(r, "group", ns))
            .ToList();
        return related.Count > 0
            ? related
            : Items(user, "spec", "memberOf").Select(m => m.ValueKind == JsonValueKind.String ? m.GetString() : null).OfType<string>().Select(m => EntityRef.Parse(m, "group", ns)).ToList();
    }

    public static CatalogService ToService(JsonElement component, string source, string team, string? system, string? domain)
    {
        var slug = Annotation(component, "github.com/project-slug");
        var environments = Annotation(component, "insights/production-environments")?
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new CatalogService(RequiredText(component, "metadata", "name"), team)
        {
            Source = source,
            // A slug that is not owner/name (a typo, a URL) is left out rather than quarantining the service:
            // it is still cataloged, its pull requests just name their service themselves.
            Repository = slug is not null && RepositorySlug.Problem(slug) is null ? slug : null,
            PagerdutyServiceId = Annotation(component, "pagerduty.com/service-id"),
            JiraComponent = Annotation(component, "jira/component"),
            GoldenPathTemplate = Annotation(component, "backstage.io/source-template"),
            Lifecycle = Text(component, "spec", "lifecycle"),
            ProductionEnvironments = environments is { Length: > 0 } ? environments : null,
            System = system,
            Domain = domain,
        };
    }

    public static Team ToTeam(JsonElement group, string source)
    {
        var reference = Reference(group);
        return new Team(reference.ShortName)
        {
            Source = source,
            DisplayName = Text(group, "spec", "profile", "displayName") ?? Text(group, "metadata", "title"),
            Parent = Text(group, "spec", "parent") is { } parent ? EntityRef.Parse(parent, "group", reference.Namespace).ShortName : null,
        };
    }

    /// <summary>What would be written for an entity: when it has not changed, nothing is written again (its etag alone would miss a change of its system's domain or its owner's groups).</summary>
    public static string Version(object written) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(written, ApiJson.Options)))[..16];

    private static string? Annotation(JsonElement entity, string key) => Text(entity, "metadata", "annotations", key);
}
