using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Insights.Domain.Events;
using Insights.Domain.Validation;

namespace Insights.Ingest.Backstage;

/// <summary>
/// A Backstage component → a catalog service: owner team from <c>spec.owner</c>
/// (<c>group:default/payments</c> → <c>payments</c>), repository from <c>github.com/project-slug</c>,
/// PagerDuty service from <c>pagerduty.com/service-id</c>, Jira component from <c>jira/component</c>,
/// golden-path template from <c>backstage.io/source-template</c>, production environments from our own
/// annotation <c>insights/production-environments</c> (comma-separated).
/// </summary>
public static class BackstageMapper
{
    public static string EntityRef(JsonElement entity)
    {
        var metadata = entity.GetProperty("metadata");
        var kind = Text(entity, "kind")?.ToLowerInvariant() ?? "component";
        var ns = Text(metadata, "namespace") ?? "default";
        return $"{kind}:{ns}/{Text(metadata, "name")}";
    }

    /// <summary>What changes when the entity changes: its etag, else a hash of it.</summary>
    public static string Version(JsonElement entity) =>
        Text(entity.GetProperty("metadata"), "etag") ?? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(entity.GetRawText())))[..16];

    public static CatalogService? ToService(JsonElement entity, string source)
    {
        var metadata = entity.GetProperty("metadata");
        var name = Text(metadata, "name");
        var spec = entity.TryGetProperty("spec", out var s) ? s : default;
        var owner = spec.ValueKind == JsonValueKind.Object ? Text(spec, "owner") : null;
        if (name is null || owner is null)
        {
            return null;
        }

        var annotations = metadata.TryGetProperty("annotations", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
        var environments = Annotation(annotations, "insights/production-environments")?
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new CatalogService(name, TeamOf(owner))
        {
            Source = source,
            // A slug that is not owner/name (a typo, a URL) is left out rather than failing the whole sync:
            // the service is still cataloged, its pull requests just name their service themselves.
            Repository = Annotation(annotations, "github.com/project-slug") is { } slug && RepositorySlug.Problem(slug) is null ? slug : null,
            PagerdutyServiceId = Annotation(annotations, "pagerduty.com/service-id"),
            JiraComponent = Annotation(annotations, "jira/component"),
            GoldenPathTemplate = Annotation(annotations, "backstage.io/source-template"),
            Lifecycle = Text(spec, "lifecycle"),
            ProductionEnvironments = environments is { Length: > 0 } ? environments : null,
        };
    }

    /// <summary><c>group:default/payments</c>, <c>group:payments</c> and <c>payments</c> all name the team <c>payments</c>.</summary>
    public static string TeamOf(string owner)
    {
        var colon = owner.IndexOf(':', StringComparison.Ordinal);
        var rest = colon >= 0 ? owner[(colon + 1)..] : owner;
        var slash = rest.LastIndexOf('/');
        return slash >= 0 ? rest[(slash + 1)..] : rest;
    }

    private static string? Annotation(JsonElement annotations, string key) =>
        annotations.ValueKind == JsonValueKind.Object ? Text(annotations, key) : null;

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
