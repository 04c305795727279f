using Insights.Warehouse.Metrics;

namespace Insights.Ingest.Connectors;

/// <summary>
/// The catalog as connectors need it: which service a repository, a PagerDuty service or a Jira
/// component belongs to. Loaded once per sync run.
/// </summary>
public sealed class CatalogLookup
{
    private readonly Dictionary<string, string> _byRepository = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _byPagerDuty = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _byJiraComponent = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public CatalogLookup(IEnumerable<ServiceInfo> services)
    {
        foreach (var service in services)
        {
            _names.Add(service.Name);
            if (service.Repository.Length > 0)
            {
                _byRepository.TryAdd(service.Repository, service.Name);
            }

            if (service.PagerdutyServiceId.Length > 0)
            {
                _byPagerDuty.TryAdd(service.PagerdutyServiceId, service.Name);
            }

            if (service.JiraComponent.Length > 0)
            {
                _byJiraComponent.TryAdd(service.JiraComponent, service.Name);
            }
        }
    }

    public static CatalogLookup Empty { get; } = new([]);

    public static async Task<CatalogLookup> LoadAsync(CatalogQueries catalog, CancellationToken cancellationToken) =>
        new(await catalog.ServicesAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>The catalog service of <c>org/repo</c>, else the repository's own name.</summary>
    public string ServiceForRepository(string fullName) =>
        _byRepository.TryGetValue(fullName, out var service) ? service : fullName[(fullName.LastIndexOf('/') + 1)..];

    public string? ServiceForPagerDuty(string serviceId) => _byPagerDuty.GetValueOrDefault(serviceId);

    /// <summary>The first component or label that names a catalog service (by its Jira component, or by its own name).</summary>
    public string? ServiceForJira(IEnumerable<string> componentsAndLabels)
    {
        foreach (var name in componentsAndLabels)
        {
            if (_byJiraComponent.TryGetValue(name, out var service))
            {
                return service;
            }

            if (_names.Contains(name))
            {
                return name;
            }
        }

        return null;
    }
}
