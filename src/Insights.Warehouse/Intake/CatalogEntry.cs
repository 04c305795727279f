namespace Insights.Warehouse.Intake;

/// <summary>One catalog service as ingest checks items against it.</summary>
/// <param name="ProductionEnvironments">The service's own production environments, lower-case; empty: the configured ones apply.</param>
public sealed record CatalogEntry(string Name, string Team, string Repository, IReadOnlyList<string> ProductionEnvironments)
{
    /// <summary>Whether both say the same about the service (records compare lists by reference).</summary>
    public bool SameAs(CatalogEntry? other) =>
        other is not null && Name == other.Name && Team == other.Team && Repository == other.Repository
        && ProductionEnvironments.SequenceEqual(other.ProductionEnvironments, StringComparer.Ordinal);
}
