namespace Insights.Server.Grafana;

/// <summary>
/// <c>POST /query</c>: Grafana's data request. Grafana sends more (panelId, scopedVars, rangeRaw…);
/// what is not read here is ignored. Ad hoc filters arrive as <c>filters</c> (Grafana 10+) or
/// <c>adhocFilters</c> (older plugin versions).
/// </summary>
public sealed record GrafanaQueryRequest(
    GrafanaRange? Range,
    double? IntervalMs,
    double? MaxDataPoints,
    IReadOnlyList<GrafanaTarget?>? Targets,
    IReadOnlyList<GrafanaAdHocFilter?>? Filters,
    IReadOnlyList<GrafanaAdHocFilter?>? AdhocFilters);
