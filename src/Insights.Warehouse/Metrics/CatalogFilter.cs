namespace Insights.Warehouse.Metrics;

/// <summary>Filters of the catalog endpoints; null means "any".</summary>
public sealed record CatalogFilter(string? Team, string? System, string? Domain);
