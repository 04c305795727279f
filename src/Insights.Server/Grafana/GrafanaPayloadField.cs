namespace Insights.Server.Grafana;

/// <summary>
/// A payload field in the query editor's builder mode. <see cref="Type"/> is <c>select</c> or
/// <c>input</c>; a select without <see cref="Options"/> asks <c>/metric-payload-options</c> for them.
/// </summary>
public sealed record GrafanaPayloadField(
    string Name,
    string Label,
    string Type,
    string? Placeholder = null,
    IReadOnlyList<GrafanaOption>? Options = null,
    int? Width = null,
    bool? ReloadMetric = null);
