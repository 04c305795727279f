namespace Insights.Warehouse.Metrics.KeptRows;

/// <summary>A kept table and its columns.</summary>
public sealed record KeptTable(string Name, IReadOnlyList<string> Columns);
