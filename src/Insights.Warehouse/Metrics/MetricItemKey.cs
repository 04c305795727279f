namespace Insights.Warehouse.Metrics;

/// <summary>Where an item sits in the items' order (at, kind, source, id): a page continues after it.</summary>
public sealed record MetricItemKey(DateTime At, string Kind, string Source, string Id);
