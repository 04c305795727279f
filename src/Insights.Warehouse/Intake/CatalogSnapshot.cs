namespace Insights.Warehouse.Intake;

/// <summary>
/// The service catalog at one moment, for checking pushed items: which services exist, who owns them,
/// their production environments, and which service a repository belongs to — the same rules as the
/// metric SQL (partials/team_map.sql, repository_map.sql, is_production.sql): names compared exactly,
/// a repository shared by several services belongs to the first by name.
/// </summary>
public sealed class CatalogSnapshot
{
    private readonly Dictionary<string, CatalogEntry> _services;
    private readonly Dictionary<string, string> _serviceByRepository = new(StringComparer.Ordinal);

    public CatalogSnapshot(IEnumerable<CatalogEntry> services)
    {
        _services = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            _services[service.Name] = service;
        }

        foreach (var service in _services.Values)
        {
            if (service.Repository.Length > 0
                && (!_serviceByRepository.TryGetValue(service.Repository, out var first) || string.CompareOrdinal(service.Name, first) < 0))
            {
                _serviceByRepository[service.Repository] = service.Name;
            }
        }
    }

    public int Count => _services.Count;

    public IEnumerable<CatalogEntry> Services => _services.Values;

    public CatalogEntry? Service(string name) => _services.GetValueOrDefault(name);

    /// <summary>The catalog service whose repository this is, or null.</summary>
    public string? ServiceOfRepository(string repository) => _serviceByRepository.GetValueOrDefault(repository);

    /// <summary>This catalog with <paramref name="changed"/> services added or replaced.</summary>
    public CatalogSnapshot With(IEnumerable<CatalogEntry> changed) =>
        new(_services.Values.Concat(changed));
}
